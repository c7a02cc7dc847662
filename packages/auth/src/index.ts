// Only what other packages use (the package README lists it); resolvePrincipal and the password hash have subpaths.
// Users and groups (the admin console and its API).
export { createUser, type CreateUserInput } from "./create-user";
export { updateUser, type UpdateUserInput, type UpdateUserResult, type UserChangeValues } from "./update-user";
export { createGroup, type CreateGroupInput } from "./create-group";
export { listUsers, type UserListing } from "./list-users";
export { listGroups, type GroupListing } from "./list-groups";
export { lockGroup, removeGroup, type RemovedGroup } from "./delete-group";
export { listUserIds } from "./list-user-ids";
export { describeUsers, describeGroups, type UserLabel } from "./describe-by-ids";
// Sign-in and sessions.
export { verifyLocalSignIn } from "./verify-local-sign-in";
export { createSession } from "./create-session";
export { readSession, type SessionContext } from "./read-session";
export { deleteSession } from "./delete-session";
export { upsertOidcUser, type OidcProfile, type GroupMapping } from "./upsert-oidc-user";
export { readOidcEnv, type OidcEnv } from "./oidc-env";
// API tokens and service accounts (the developers' API, the push API, the admin CLI).
export { createApiToken, parseTokenExpiry, MAX_TOKEN_DAYS, type CreateApiTokenInput } from "./create-api-token";
export { listApiTokens, type ApiTokenListing, type ApiTokenState } from "./list-api-tokens";
export { revokeApiToken } from "./revoke-api-token";
export { authenticateApiToken, INVALID_TOKEN_MESSAGE, type TokenContext } from "./authenticate-api-token";
export { createServiceAccount, type CreateServiceAccountInput } from "./create-service-account";
export { listServiceAccounts, type ServiceAccountListing } from "./list-service-accounts";
export { updateServiceAccount, serviceAccountOrThrow } from "./update-service-account";
export { resolveAclNames } from "./resolve-acl-names";
export {
  READ_SCOPES,
  INGEST_SCOPE_PREFIX,
  ingestScope,
  isIngestScope,
  isTokenScope,
  mayHoldIngestScopes,
  type ReadScope,
  type TokenScope,
} from "./token-scopes";
