/**
 * The environment git commands start from: only what git needs to run (PATH, HOME, locale, a
 * temp dir, the CA bundle), never the rest of the server's. A stray GIT_DIR, GIT_SSH_COMMAND or
 * GIT_TRACE_CURL must not steer or trace the connector's git, an EDITOR or PAGER is a command
 * git could run (simple-git refuses to start with them set), and a proxy would carry requests
 * past the network guard's address pinning. git-cli.ts adds its own settings.
 */
const KEEP = /^(PATH|HOME|LANG|LANGUAGE|LC_[A-Z]+|TZ|TMPDIR|TEMP|TMP|SSL_CERT_FILE|SSL_CERT_DIR|SYSTEMROOT)$/;

export function gitBaseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && KEEP.test(e[0])),
  );
}
