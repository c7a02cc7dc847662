CREATE TABLE "term_principal_stats" (
	"principal" text NOT NULL,
	"lexeme" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "term_principal_stats_principal_lexeme_pk" PRIMARY KEY("principal","lexeme")
);
