// Only what other packages use (the package README lists it); resolvePrincipal and the password hash have subpaths.
// Users and groups (the admin console and its API).
export { createUser, type CreateUserInput } from "./create-user";
export { updateUser, type UpdateUserInput } from "./update-user";
export { createGroup, type CreateGroupInput } from "./create-group";
export { listUsers, type UserListing } from "./list-users";
export { listGroups, type GroupListing } from "./list-groups";
export { listUserIds } from "./list-user-ids";
// Sign-in and sessions.
export { verifyLocalSignIn } from "./verify-local-sign-in";
export { createSession } from "./create-session";
export { readSession, type SessionContext } from "./read-session";
export { deleteSession } from "./delete-session";
export { upsertOidcUser, type OidcProfile, type GroupMapping } from "./upsert-oidc-user";
export { readOidcEnv, type OidcEnv } from "./oidc-env";
