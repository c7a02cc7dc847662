-- Cluster-wide state for many web processes: rate-limit token buckets and sign-in throttling
-- records, shared through the database instead of each process's memory. Written by the owner
-- role only; groundwork_reader gets no grant (nothing here is document data).
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_ms" double precision NOT NULL,
	"allowed" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"last_ms" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_attempts_last_idx" ON "sign_in_attempts" USING btree ("last_ms");