CREATE TYPE "public"."run_mode" AS ENUM('sync', 'prune', 'acl');--> statement-breakpoint
ALTER TYPE "public"."run_trigger" ADD VALUE 'webhook';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'web';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'git';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 'sql';--> statement-breakpoint
ALTER TYPE "public"."source_kind" ADD VALUE 's3';--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "mode" "run_mode" DEFAULT 'sync' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "secrets" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "prune_schedule" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "checkpoint" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "next_run_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_pruned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "failure_streak" integer DEFAULT 0 NOT NULL;