ALTER TABLE "groups" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "target_ids" text[];--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "permission_schedule" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_permission_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "reauth_reason" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "reauth_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "pending_changes" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_source_external_idx" ON "groups" USING btree ("source_id","external_id");--> statement-breakpoint
-- A mirrored group names both its source and its id there; a hand-made group neither.
ALTER TABLE "groups" ADD CONSTRAINT "groups_mirrored_both" CHECK (("source_id" IS NULL) = ("external_id" IS NULL));--> statement-breakpoint
-- E-mails admins gave local accounts are theirs to vouch for; an SSO account's e-mail is
-- verified at its next sign-in when the IdP says so (email_verified).
UPDATE "users" SET "email_verified" = true WHERE "email" IS NOT NULL AND "oidc_subject" IS NULL;
