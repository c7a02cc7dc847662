/**
 * The environment git commands start from: the server's own (PATH, HOME, locale, proxies),
 * without any `GIT_*` variable — a stray GIT_DIR, GIT_SSH_COMMAND or GIT_TRACE_CURL in the
 * server's environment must not steer or trace the connector's git. git-cli.ts adds its own.
 */
export function gitBaseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith("GIT_")),
  );
}
