ALTER TABLE "payments"."payments" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_unsettled_idx" ON "payments"."payments" USING btree ("captured_at") WHERE "status" = 'CAPTURED' and "settled_at" is null;--> statement-breakpoint
-- Payments captured before this column existed are taken as settled: re-asking the Transaction Center about every old payment is not this migration's job.
UPDATE "payments"."payments" SET "settled_at" = coalesce("refunded_at", "captured_at") WHERE "status" IN ('CAPTURED', 'REFUNDED');
