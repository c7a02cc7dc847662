CREATE TYPE "public"."feedback_triage" AS ENUM('new', 'reviewed', 'eval');--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "triage" "feedback_triage" DEFAULT 'new' NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_triage_idx" ON "feedback" USING btree ("triage");