// A minimal OpenID Connect provider for the e2e run: discovery, JWKS, an authorize endpoint that
// signs the configured user straight in (no login form), and a token endpoint that checks the
// client secret, the redirect URI and PKCE before returning an RS256 ID token with a groups claim.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import http from "node:http";

const clientId = process.env.FAKE_OIDC_CLIENT_ID ?? "groundwork-e2e";
const clientSecret = process.env.FAKE_OIDC_CLIENT_SECRET ?? "e2e-oidc-secret";
const user = {
  sub: "idp-user-nora",
  name: "Nora Nightingale",
  email: "nora@quillfeather.example",
  preferred_username: "nora",
  groups: ["HR", "Not-A-Local-Group"],
};

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "e2e-key", alg: "RS256", use: "sig" };
const codes = new Map();
const b64url = (buf) => Buffer.from(buf).toString("base64url");

function idToken(claims) {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: jwk.kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${body}`), privateKey);
  return `${header}.${body}.${b64url(signature)}`;
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readForm(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

const server = http.createServer(async (req, res) => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const url = new URL(req.url, issuer);
  if (url.pathname === "/.well-known/openid-configuration") {
    return json(res, 200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      userinfo_endpoint: `${issuer}/userinfo`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid", "profile", "email"],
    });
  }
  if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
  if (url.pathname === "/authorize") {
    const p = url.searchParams;
    if (p.get("client_id") !== clientId || p.get("response_type") !== "code")
      return json(res, 400, { error: "invalid_request" });
    const code = b64url(randomBytes(16));
    codes.set(code, { redirectUri: p.get("redirect_uri"), challenge: p.get("code_challenge"), nonce: p.get("nonce") });
    const back = new URL(p.get("redirect_uri"));
    back.searchParams.set("code", code);
    if (p.get("state")) back.searchParams.set("state", p.get("state"));
    back.searchParams.set("iss", issuer);
    res.writeHead(302, { location: back.toString() });
    return res.end();
  }
  if (url.pathname === "/token" && req.method === "POST") {
    const form = await readForm(req);
    const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent)
      : [form.get("client_id"), form.get("client_secret")];
    if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: "invalid_client" });
    const grant = codes.get(form.get("code"));
    codes.delete(form.get("code"));
    if (!grant || grant.redirectUri !== form.get("redirect_uri")) {
      console.error(
        `[fake-oidc] invalid_grant: ${grant ? `redirect_uri ${form.get("redirect_uri")} != ${grant.redirectUri}` : "unknown code"}`,
      );
      return json(res, 400, { error: "invalid_grant" });
    }
    if (
      grant.challenge &&
      b64url(
        createHash("sha256")
          .update(form.get("code_verifier") ?? "")
          .digest(),
      ) !== grant.challenge
    ) {
      return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
    }
    const now = Math.floor(Date.now() / 1000);
    return json(res, 200, {
      access_token: b64url(randomBytes(16)),
      token_type: "Bearer",
      expires_in: 3600,
      id_token: idToken({
        iss: issuer,
        aud: clientId,
        iat: now,
        exp: now + 300,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        ...user,
      }),
    });
  }
  if (url.pathname === "/userinfo") return json(res, 200, user);
  json(res, 404, { error: "not_found" });
});

server.listen(Number(process.env.FAKE_OIDC_PORT ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ fakeOidcIssuer: `http://127.0.0.1:${server.address().port}`, clientId, clientSecret }));
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
