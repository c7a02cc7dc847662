import type { TestProjectInlineConfiguration } from "vitest/config";

export declare const INTEGRATION_GLOB: string;
/** The `test.projects` entry (`unit`, then `integration`); see index.js. */
export declare const testProjects: TestProjectInlineConfiguration[];
