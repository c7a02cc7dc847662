CREATE TYPE "public"."push_status" AS ENUM('queued', 'indexed', 'failed', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."user_kind" AS ENUM('person', 'service');--> statement-breakpoint
ALTER TYPE "public"."run_trigger" ADD VALUE 'push';--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"public_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"rate_limit_per_minute" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "api_tokens_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "push_documents" (
	"source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" "push_status" DEFAULT 'queued' NOT NULL,
	"title" text,
	"url" text,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"content" "bytea",
	"content_hash" text NOT NULL,
	"acl" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_updated_at" timestamp with time zone,
	"error" text,
	"document_id" uuid,
	"document_version" integer,
	"pushed_by" uuid,
	"pushed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "push_documents_source_id_external_id_pk" PRIMARY KEY("source_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "kind" "user_kind" DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_documents" ADD CONSTRAINT "push_documents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_documents" ADD CONSTRAINT "push_documents_pushed_by_users_id_fk" FOREIGN KEY ("pushed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "push_documents_seq_idx" ON "push_documents" USING btree ("source_id","seq");--> statement-breakpoint
-- A service account authenticates only with its tokens: it can never hold a password or an OIDC identity.
ALTER TABLE "users" ADD CONSTRAINT "users_service_no_sign_in" CHECK ("kind" = 'person' OR ("password_hash" IS NULL AND "oidc_subject" IS NULL));
-- Neither table is granted to groundwork_reader: tokens are read by the auth package and the push inbox by ingest, under the app role only.
