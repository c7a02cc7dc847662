// @ts-check
/**
 * Password authentication for the embedded database's socket. pglite-socket answers a
 * StartupMessage by handing it to PGlite, which replies AuthenticationOk to anyone: every local
 * user and process could connect as the superuser and read past row-level security. This gate
 * runs the Postgres startup handshake first and passes the connection on to pglite-socket only
 * after a SCRAM-SHA-256 exchange proves the client knows the password in the lock file.
 *
 * SCRAM rather than cleartext: the password never crosses the socket, and the client checks the
 * server's signature too, so a process squatting the port of a stopped owner learns nothing and
 * cannot pass itself off as the database.
 *
 * Plain JavaScript: it runs in the worker thread (see embedded-worker.mjs).
 */
import crypto from "node:crypto";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3_0 = 196608;
// PostgreSQL's own limits: a startup packet over 10,000 bytes is refused as invalid.
const MAX_STARTUP_LENGTH = 10_000;
const MAX_AUTH_MESSAGE_LENGTH = 4096;
const MECHANISM = "SCRAM-SHA-256";
const ITERATIONS = 4096;
const AUTH_SASL = 10;
const AUTH_SASL_CONTINUE = 11;
const AUTH_SASL_FINAL = 12;

/** @typedef {{ salt: Buffer; iterations: number; storedKey: Buffer; serverKey: Buffer }} ScramVerifier */

/** @param {Buffer} key @param {string} data */
const hmac = (key, data) => crypto.createHmac("sha256", key).update(data).digest();
/** @param {Buffer} data */
const sha256 = (data) => crypto.createHash("sha256").update(data).digest();

/**
 * What a server stores for a SCRAM password (RFC 5802): enough to check a proof, not the
 * password. Derived once per start, so a connection costs the client one PBKDF2, not the server.
 * @param {string} password
 * @returns {ScramVerifier}
 */
export function scramVerifier(password) {
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, "sha256");
  return {
    salt,
    iterations: ITERATIONS,
    storedKey: sha256(hmac(salted, "Client Key")),
    serverKey: hmac(salted, "Server Key"),
  };
}

/** @param {string} type @param {Buffer} body */
function message(type, body) {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** @param {number} code @param {string} [data] */
function authentication(code, data = "") {
  const body = Buffer.alloc(4 + Buffer.byteLength(data));
  body.writeInt32BE(code, 0);
  body.write(data, 4);
  return message("R", body);
}

/** @param {string} sqlState @param {string} text */
function fatal(sqlState, text) {
  return message("E", Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${text}\0\0`, "utf8"));
}

class Refused extends Error {
  /** @param {Buffer | null} reply what to send before closing (null: just close) */
  constructor(reply) {
    super("refused");
    this.reply = reply;
  }
}

const authFailed = () => new Refused(fatal("28P01", "password authentication failed"));

/**
 * Reads the socket in 'data' events until detached; then leaves it paused with what was not
 * consumed, so pglite-socket's handler can take over mid-stream.
 * @param {import("node:net").Socket} socket
 */
function socketReader(socket) {
  let buffer = Buffer.alloc(0);
  let ended = false;
  /** @type {(() => void) | null} */
  let wake = null;
  const onData = (/** @type {Buffer} */ data) => {
    buffer = Buffer.concat([buffer, data]);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  socket.on("data", onData);
  socket.on("end", onEnd);
  socket.on("close", onEnd);
  return {
    /** @param {number} n */
    async take(n) {
      while (buffer.length < n) {
        if (ended) throw new Refused(null);
        await new Promise((resolve) => (wake = () => resolve(undefined)));
        wake = null;
      }
      const out = buffer.subarray(0, n);
      buffer = buffer.subarray(n);
      return out;
    },
    detach() {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.pause();
      return buffer;
    },
  };
}

/** @param {ReturnType<typeof socketReader>} reader */
async function readPasswordMessage(reader) {
  const header = await reader.take(5);
  const length = header.readInt32BE(1);
  // Anything but a password message ('p'), e.g. a query sent without authenticating, is refused.
  if (header[0] !== 0x70 || length < 4 || length > MAX_AUTH_MESSAGE_LENGTH) throw authFailed();
  return reader.take(length - 4);
}

/** SCRAM attributes ("r=…,s=…") in order; null when malformed. @param {string} text */
function attributes(text) {
  const pairs = text.split(",").map((part) => (/^[a-z]=/.test(part) ? [part[0], part.slice(2)] : null));
  return pairs.every(Boolean) ? /** @type {[string, string][]} */ (pairs) : null;
}

/**
 * The SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it; throws Refused unless
 * the client proves it knows the password.
 * @param {{ reader: ReturnType<typeof socketReader>; socket: import("node:net").Socket; verifier: ScramVerifier }} options
 */
async function scramExchange({ reader, socket, verifier }) {
  socket.write(authentication(AUTH_SASL, `${MECHANISM}\0\0`));

  const initial = await readPasswordMessage(reader);
  const nameEnd = initial.indexOf(0);
  if (nameEnd < 0 || initial.subarray(0, nameEnd).toString("latin1") !== MECHANISM || initial.length < nameEnd + 5)
    throw authFailed();
  const clientFirst = initial.subarray(nameEnd + 5, nameEnd + 5 + initial.readInt32BE(nameEnd + 1)).toString("utf8");
  // GS2 header: no channel binding ("n", or "y" = client could but thinks we cannot), no authzid.
  const gs2 = /^([ny]),,/.exec(clientFirst);
  if (!gs2) throw authFailed();
  const clientFirstBare = clientFirst.slice(gs2[0].length);
  const first = attributes(clientFirstBare);
  const clientNonce = first?.[1]?.[0] === "r" ? first[1][1] : "";
  if (first?.[0]?.[0] !== "n" || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) throw authFailed();

  const nonce = clientNonce + crypto.randomBytes(18).toString("base64");
  const serverFirst = `r=${nonce},s=${verifier.salt.toString("base64")},i=${verifier.iterations}`;
  socket.write(authentication(AUTH_SASL_CONTINUE, serverFirst));

  const clientFinal = (await readPasswordMessage(reader)).toString("utf8");
  const proofAt = clientFinal.lastIndexOf(",p=");
  if (proofAt < 0) throw authFailed();
  const withoutProof = clientFinal.slice(0, proofAt);
  const final = attributes(withoutProof);
  const binding = Buffer.from(gs2[0], "utf8").toString("base64");
  if (final?.[0]?.[0] !== "c" || final[0][1] !== binding || final[1]?.[0] !== "r" || final[1][1] !== nonce)
    throw authFailed();
  const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
  if (proof.length !== verifier.storedKey.length) throw authFailed();

  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(verifier.storedKey, authMessage);
  const clientKey = Buffer.alloc(proof.length);
  for (let i = 0; i < proof.length; i++)
    clientKey[i] = /** @type {number} */ (proof[i]) ^ /** @type {number} */ (signature[i]);
  // Constant time: the comparison must not tell an attacker how much of a guess was right.
  if (!crypto.timingSafeEqual(sha256(clientKey), verifier.storedKey)) throw authFailed();
  socket.write(authentication(AUTH_SASL_FINAL, `v=${hmac(verifier.serverKey, authMessage).toString("base64")}`));
}

/**
 * Runs the startup handshake on a new connection. Resolves with the bytes to hand on to
 * pglite-socket (the StartupMessage, for PGlite to answer with AuthenticationOk, its parameters
 * and ReadyForQuery, plus anything the client sent after it) once the client authenticated;
 * resolves null after refusing and closing the connection.
 * @param {{ socket: import("node:net").Socket; verifier: ScramVerifier; timeoutMs?: number }} options
 * @returns {Promise<Buffer | null>}
 */
export async function authenticateConnection({ socket, verifier, timeoutMs = 10_000 }) {
  const reader = socketReader(socket);
  // An unauthenticated client must not hold a connection slot for long.
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  try {
    for (;;) {
      const header = await reader.take(8);
      const length = header.readInt32BE(0);
      const code = header.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        // Neither TLS nor GSSAPI on loopback; the client goes on in plain text (or gives up).
        socket.write("N");
        continue;
      }
      // PGlite has no backend to cancel; a cancel request gets no reply, as from PostgreSQL.
      if (length === 16 && code === CANCEL_REQUEST) throw new Refused(null);
      if (length < 8 || length > MAX_STARTUP_LENGTH) throw new Refused(null);
      if (code !== PROTOCOL_3_0) throw new Refused(fatal("0A000", "unsupported frontend protocol: only 3.0 is served"));
      const startup = Buffer.concat([header, await reader.take(length - 8)]);
      await scramExchange({ reader, socket, verifier });
      return Buffer.concat([startup, reader.detach()]);
    }
  } catch (error) {
    reader.detach();
    if (!(error instanceof Refused)) throw error;
    // Destroyed once the reply is out: a paused socket would otherwise wait for the client's FIN.
    if (error.reply && socket.writable) socket.end(error.reply, () => socket.destroy());
    else socket.destroy();
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Puts the gate in front of a PGLiteSocketServer: every accepted socket authenticates before
 * the server's own connection handling sees it. Connections still authenticating are closed on
 * stop(), so an idle client cannot hold up shutdown.
 * @param {{ server: import("@electric-sql/pglite-socket").PGLiteSocketServer; password: string }} options
 */
export function requirePassword({ server, password }) {
  const verifier = scramVerifier(password);
  // handleConnection is private in pglite-socket's types (pinned at 0.2.17); its tests cover the gate.
  const internals =
    /** @type {{ handleConnection: (socket: import("node:net").Socket) => Promise<void>; stop: () => Promise<void> }} */ (
      /** @type {unknown} */ (server)
    );
  if (typeof internals.handleConnection !== "function")
    throw new Error("pglite-socket no longer has handleConnection: the password gate cannot be installed");
  const admit = internals.handleConnection.bind(server);
  const stop = internals.stop.bind(server);
  /** @type {Set<import("node:net").Socket>} */
  const authenticating = new Set();
  internals.handleConnection = async (socket) => {
    // A reset connection must not become an uncaught error in the worker.
    socket.on("error", () => undefined);
    authenticating.add(socket);
    const replay = await authenticateConnection({ socket, verifier }).catch(() => {
      socket.destroy();
      return null;
    });
    authenticating.delete(socket);
    if (!replay) return;
    if (replay.length > 0) socket.unshift(replay);
    await admit(socket);
    socket.resume();
  };
  internals.stop = async () => {
    for (const socket of authenticating) socket.destroy();
    return stop();
  };
}
