import type { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";

/**
 * Checks a function's input against its schema and turns the first problem into a 400. Messages
 * written as sentences (ending in ".") are shown as they are; zod's own get the field's name.
 */
export function parseInput<S extends z.ZodType>({ schema, value }: { schema: S; value: unknown }): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const message = issue?.message ?? "bad input";
  throw new GroundworkError(
    "bad_request",
    message.endsWith(".") ? message : `Invalid ${issue?.path.join(".") || "input"}: ${message}.`,
  );
}
