CREATE SCHEMA "fresh";
--> statement-breakpoint
CREATE TABLE "fresh"."fresh_stock" (
	"store_id" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"available" integer NOT NULL,
	"best_before" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fresh_stock_pkey" PRIMARY KEY("store_id","sku_id"),
	CONSTRAINT "fresh_stock_available_check" CHECK ("available" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fresh"."pickup_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slot_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"order_id" uuid,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'BOOKED' NOT NULL,
	"pickup_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "pickup_bookings_status_check" CHECK ("status" in ('BOOKED', 'CANCELLED', 'COLLECTED'))
);
--> statement-breakpoint
CREATE TABLE "fresh"."pickup_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pickup_slots_booked_check" CHECK ("booked" between 0 and "capacity"),
	CONSTRAINT "pickup_slots_window_check" CHECK ("ends_at" > "starts_at")
);
--> statement-breakpoint
CREATE TABLE "fresh"."stores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"district" text NOT NULL,
	"address" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fresh"."fresh_stock" ADD CONSTRAINT "fresh_stock_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "fresh"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fresh"."pickup_bookings" ADD CONSTRAINT "pickup_bookings_slot_id_pickup_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "fresh"."pickup_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fresh"."pickup_bookings" ADD CONSTRAINT "pickup_bookings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "fresh"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fresh"."pickup_slots" ADD CONSTRAINT "pickup_slots_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "fresh"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fresh_stock_sku_id_idx" ON "fresh"."fresh_stock" USING btree ("sku_id");--> statement-breakpoint
CREATE INDEX "fresh_stock_product_id_idx" ON "fresh"."fresh_stock" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_bookings_buyer_id_idempotency_key_key" ON "fresh"."pickup_bookings" USING btree ("buyer_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_bookings_order_id_active_key" ON "fresh"."pickup_bookings" USING btree ("order_id") WHERE "status" <> 'CANCELLED' and "order_id" is not null;--> statement-breakpoint
CREATE INDEX "pickup_bookings_slot_id_idx" ON "fresh"."pickup_bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "pickup_slots_store_id_starts_at_id_idx" ON "fresh"."pickup_slots" USING btree ("store_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "stores_city_name_id_idx" ON "fresh"."stores" USING btree ("city","name","id");--> statement-breakpoint
CREATE INDEX "stores_name_id_idx" ON "fresh"."stores" USING btree ("name","id");