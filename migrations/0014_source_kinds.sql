ALTER TYPE "public"."source_kind" ADD VALUE 'push';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'confluence';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'sharepoint';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'google-drive';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'zendesk';