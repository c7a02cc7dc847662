import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied programmatically at start (see src/migrate.ts),
// because drizzle-kit's own migrate cannot load the vector extension into PGlite.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "../../migrations",
});
