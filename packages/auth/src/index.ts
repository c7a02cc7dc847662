export * from "./principal";
export { resolvePrincipal } from "./resolve-principal";
export { hashPassword, verifyPassword } from "./password";
