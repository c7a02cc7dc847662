/** PATCH /api/admin/service-accounts/{id}: the schemas live with the collection's contract. */
export { updateServiceAccountRequest, updateServiceAccountResponse } from "../contract";
