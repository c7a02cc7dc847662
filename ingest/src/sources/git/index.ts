/** The Git repository connector (kind "git"): files of a branch or tag, incrementally by commit diff. */
export { gitConnector } from "./git-connector";
export { gitConfigSchema, type GitConfig } from "./config";
