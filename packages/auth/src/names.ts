import { z } from "zod";
import { GROUP_NAME_PATTERN, ROLES } from "@groundwork/access/principal";

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,47}$/;

export const roleSchema = z.enum(ROLES);

/** Usernames are stored trimmed and lowercased; so are group names. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME, "A username is 2–48 lowercase letters, digits, '.', '_' or '-'.");
export const groupNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(GROUP_NAME_PATTERN, "A group name is 1–63 lowercase letters, digits, '-' or '_'.");
