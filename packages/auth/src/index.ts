export * from "./principal";
export { resolvePrincipal, resolveSessionPrincipal } from "./resolve-principal";
export { hashPassword, verifyPassword } from "./password";
