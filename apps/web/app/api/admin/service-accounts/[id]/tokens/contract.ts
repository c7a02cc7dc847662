/** A service account's tokens: the listing of the collection's contract, the token text of /api/tokens'. */
export { createServiceAccountTokenRequest, listServiceAccountTokensResponse } from "../../contract";
export { createTokenResponse } from "../../../../tokens/contract";
