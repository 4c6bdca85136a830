CREATE SCHEMA "products";
--> statement-breakpoint
CREATE TABLE "products"."categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products"."products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"brand" text,
	"category_id" uuid,
	"seller_id" uuid NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("brand", '')), 'B') || setweight(to_tsvector('simple', coalesce("description", '')), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products"."skus" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"code" text NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"price_amount" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"weight_grams" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "products"."categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "products"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products"."products" ADD CONSTRAINT "products_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "products"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products"."skus" ADD CONSTRAINT "skus_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "products"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "products"."categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "categories_parent_id_idx" ON "products"."categories" USING btree ("parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "products_slug_key" ON "products"."products" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "products_seller_id_idx" ON "products"."products" USING btree ("seller_id","id");--> statement-breakpoint
CREATE INDEX "products_category_id_idx" ON "products"."products" USING btree ("category_id","id");--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products"."products" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "skus_product_id_code_key" ON "products"."skus" USING btree ("product_id","code");--> statement-breakpoint
CREATE INDEX "skus_product_id_idx" ON "products"."skus" USING btree ("product_id","position");