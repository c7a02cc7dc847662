/** DELETE a service account's token: answers the revoked listing, like a person's own. */
export { revokeTokenResponse } from "../../../../../tokens/contract";
