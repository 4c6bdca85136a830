CREATE SCHEMA "payments";
--> statement-breakpoint
CREATE TYPE "payments"."payment_method" AS ENUM('ALIPAY', 'WECHAT_PAY', 'CARD');--> statement-breakpoint
CREATE TYPE "payments"."payment_status" AS ENUM('PENDING', 'CAPTURED', 'FAILED', 'REFUNDED');--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"method" "payments"."payment_method" NOT NULL,
	"status" "payments"."payment_status" DEFAULT 'PENDING' NOT NULL,
	"provider" text NOT NULL,
	"provider_reference" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"captured_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "payments_amount_check" CHECK ("amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payer_id_idempotency_key_key" ON "payments"."payments" USING btree ("payer_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_id_captured_key" ON "payments"."payments" USING btree ("order_id") WHERE "status" = 'CAPTURED';--> statement-breakpoint
CREATE INDEX "payments_order_id_id_idx" ON "payments"."payments" USING btree ("order_id","id");