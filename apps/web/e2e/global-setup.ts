import { request, type FullConfig } from "@playwright/test";
import { ensureCorpus } from "./helpers";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = String(config.projects[0]?.use.baseURL);
  const ctx = await request.newContext({ baseURL });
  try {
    await ensureCorpus(ctx, baseURL);
  } finally {
    await ctx.dispose();
  }
}
