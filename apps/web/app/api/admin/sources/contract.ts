import { z } from "zod";
import { timestamp } from "~/lib/server/http/contracts";
import { runMode, runStatus, runTrigger } from "../runs/contract";

// Open-ended: connectors are added over time, and listConnectorKinds() is the list.
const kind = z.string();
/** A connector's settings as stored in the clear: secrets are never part of them. */
const settings = z.record(z.string(), z.unknown());
const schedule = z.string().trim().max(200).nullable();
const acl = z.array(z.string().trim().min(1).max(200)).max(100);

/** A source as the console may see it: `secretFields` names the secrets that are set, never their values. */
export const source = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  kind,
  config: settings,
  secretFields: z.array(z.string()),
  defaultAcl: z.array(z.string()),
  schedule: z.string().nullable(),
  pruneSchedule: z.string().nullable(),
  paused: z.boolean(),
  nextRunAt: timestamp.nullable(),
  lastPrunedAt: timestamp.nullable(),
  failureStreak: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A source's card: the source plus its document count, last run and last success. */
export const sourceSummary = source.omit({ updatedAt: true }).extend({
  label: z.string(),
  documents: z.number().int(),
  lastRun: z
    .strictObject({
      id: z.uuid(),
      status: runStatus,
      trigger: runTrigger,
      mode: runMode,
      counts: z.record(z.string(), z.number()),
      error: z.string().nullable(),
      startedAt: timestamp.nullable(),
      finishedAt: timestamp.nullable(),
    })
    .nullable(),
  lastSuccessAt: timestamp.nullable(),
});

export const listSourcesResponse = z.strictObject({ sources: z.array(sourceSummary) });

export const createSourceRequest = z.object({
  name: z.string().trim().min(1).max(63),
  // Any string: the connector registry answers an unknown kind with the list of known ones.
  kind: z.string().trim().min(1).max(40),
  /** Shorthand for `config.path` of folder and upload sources. */
  path: z.string().trim().max(4096).optional(),
  /** The kind's settings, secrets included (split out and stored encrypted). */
  config: settings.default({}),
  defaultAcl: acl.default([]),
  /** "15m", "2h", "1d" or a cron expression; null or "" for manual runs; omitted for the kind's default. */
  schedule: schedule.optional(),
  pruneSchedule: schedule.optional(),
});
export const createSourceResponse = z.strictObject({ source });

export const sourceFieldSchemas = { settings, schedule, acl };
