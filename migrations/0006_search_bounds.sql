CREATE TABLE "chunk_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "term_stats" ADD COLUMN "max_tf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "term_stats" ADD COLUMN "max_title_tf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "term_stats" ADD COLUMN "min_length" integer DEFAULT 2147483647 NOT NULL;