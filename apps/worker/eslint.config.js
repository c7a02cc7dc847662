export { default } from "@groundwork/eslint-config";
