ALTER TABLE "events" ADD COLUMN "order_xid" xid8 DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "events_delivery_order_idx" ON "events" ("order_xid","id");