CREATE SCHEMA "inventory";
--> statement-breakpoint
CREATE TYPE "inventory"."reservation_status" AS ENUM('RESERVED', 'RELEASED', 'COMMITTED');--> statement-breakpoint
CREATE TABLE "inventory"."reservation_lines" (
	"reference" uuid NOT NULL,
	"sku_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "reservation_lines_reference_sku_id_pk" PRIMARY KEY("reference","sku_id"),
	CONSTRAINT "reservation_lines_quantity_positive" CHECK ("inventory"."reservation_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"reference" uuid PRIMARY KEY NOT NULL,
	"status" "inventory"."reservation_status" DEFAULT 'RESERVED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."stock" (
	"sku_id" uuid PRIMARY KEY NOT NULL,
	"available" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_available_not_negative" CHECK ("inventory"."stock"."available" >= 0),
	CONSTRAINT "stock_reserved_not_negative" CHECK ("inventory"."stock"."reserved" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inventory"."reservation_lines" ADD CONSTRAINT "reservation_lines_reference_reservations_reference_fk" FOREIGN KEY ("reference") REFERENCES "inventory"."reservations"("reference") ON DELETE cascade ON UPDATE no action;