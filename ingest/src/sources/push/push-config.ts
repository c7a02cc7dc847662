import { z } from "zod";
import { listSetting } from "../connector-config";

/** A push source pulls from nowhere: its one setting narrows what pushes may carry. */
export const pushConfigSchema = z.object({
  types: listSetting.optional().meta({
    flag: "--types",
    description: "File types pushes may carry (md, txt, html, pdf, …); empty: every type the parsers read",
    example: "md,html,pdf",
  }),
});
export type PushConfig = z.output<typeof pushConfigSchema>;
