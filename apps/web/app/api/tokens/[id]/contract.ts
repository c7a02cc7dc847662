/** DELETE one of the caller's own tokens: answers the revoked listing. */
export { revokeTokenResponse } from "../contract";
