export { resolvePrincipal, resolveSessionPrincipal } from "./resolve-principal";
export { hashPassword, verifyPassword } from "./password";
// Users and groups (the admin console and its API).
export { createUser, createUserInput, type CreateUserInput } from "./create-user";
export { updateUser, updateUserInput, type UpdateUserInput } from "./update-user";
export { createGroup, createGroupInput, type CreateGroupInput } from "./create-group";
export { listUsers, type UserListing } from "./list-users";
export { listGroups, type GroupListing } from "./list-groups";
export { listUserIds } from "./list-user-ids";
// Sign-in and sessions.
export { verifyLocalSignIn } from "./verify-local-sign-in";
export { createSession, SESSION_TTL_MS } from "./create-session";
export { readSession, type SessionContext } from "./read-session";
export { deleteSession } from "./delete-session";
export { upsertOidcUser, mapOidcGroups, type OidcProfile, type GroupMapping } from "./upsert-oidc-user";
export { readOidcEnv, type OidcEnv } from "./oidc-env";
