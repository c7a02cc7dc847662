import "server-only";
import type { SourceView } from "@groundwork/ingest";

/**
 * A source as the admin API answers it. The checkpoint (a connector's resume state: crawl
 * frontiers, cursors) is the run loop's business and stays on the server; secrets never reach
 * here at all (SourceView has only their names).
 */
export function sourceJson(s: SourceView) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    config: s.config,
    secretFields: s.secretFields,
    defaultAcl: s.defaultAcl,
    schedule: s.schedule,
    pruneSchedule: s.pruneSchedule,
    paused: s.paused,
    nextRunAt: s.nextRunAt,
    lastPrunedAt: s.lastPrunedAt,
    failureStreak: s.failureStreak,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/**
 * What an audit row says about settings a request sent: their names, never their values —
 * a value may be a secret (a password, a token) or hold one (a DSN with credentials), and the
 * audit trail is readable by every admin and exported.
 */
export function settingNames(config: Record<string, unknown> | undefined): string[] {
  return config ? Object.keys(config).sort() : [];
}

/** The audit detail of a saved source: its identity, access and schedule, and which settings and secrets it has. */
export function savedSourceDetail(s: SourceView): Record<string, unknown> {
  return {
    name: s.name,
    kind: s.kind,
    defaultAcl: s.defaultAcl,
    schedule: s.schedule,
    pruneSchedule: s.pruneSchedule,
    settings: settingNames(s.config),
    secretFields: s.secretFields,
  };
}

/**
 * An edit as before/after values for the audit page's diff: access and schedules by value; settings by
 * name only (a changed setting shows as "changed", for the same reason as settingNames), secrets not at all.
 */
export function sourceChange({ prior, source }: { prior: SourceView; source: SourceView }): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of ["defaultAcl", "schedule", "pruneSchedule", "paused"] as const) {
    if (JSON.stringify(prior[key]) === JSON.stringify(source[key])) continue;
    before[key] = prior[key];
    after[key] = source[key];
  }
  const names = new Set([...Object.keys(prior.config), ...Object.keys(source.config)]);
  for (const name of [...names].sort()) {
    const was = JSON.stringify(prior.config[name]);
    const now = JSON.stringify(source.config[name]);
    if (was === now) continue;
    before[`settings.${name}`] = was === undefined ? "(unset)" : "(set)";
    after[`settings.${name}`] = now === undefined ? "(unset)" : "(changed)";
  }
  return { before, after };
}
