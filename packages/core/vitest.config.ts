import { defineConfig } from "vitest/config";
import { testProjects } from "@groundwork/vitest-config";

export default defineConfig({ test: { projects: testProjects } });
