-- No double booking, enforced by the database: a resource (room, mediator, account) cannot be held by two
-- unreleased bookings whose [starts_at, ends_at) ranges overlap. drizzle cannot declare exclusion
-- constraints; `=` on the enum and uuid inside a GiST index needs btree_gist (PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_valid_range" CHECK ("ends_at" > "starts_at");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
  "resource_kind" WITH =,
  "resource_id" WITH =,
  tstzrange("starts_at", "ends_at", '[)') WITH &&
) WHERE ("released_at" IS NULL);
