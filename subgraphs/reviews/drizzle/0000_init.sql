CREATE SCHEMA "reviews";
--> statement-breakpoint
CREATE TABLE "reviews"."rating_summaries" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"stars_1" integer DEFAULT 0 NOT NULL,
	"stars_2" integer DEFAULT 0 NOT NULL,
	"stars_3" integer DEFAULT 0 NOT NULL,
	"stars_4" integer DEFAULT 0 NOT NULL,
	"stars_5" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews"."reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_check" CHECK ("rating" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_author_id_product_id_key" ON "reviews"."reviews" USING btree ("author_id","product_id");--> statement-breakpoint
CREATE INDEX "reviews_product_id_id_idx" ON "reviews"."reviews" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "reviews_author_id_id_idx" ON "reviews"."reviews" USING btree ("author_id","id");