-- Custom (drizzle-kit generate --custom): carry deactivated accounts over from the boolean to the status before the
-- next migration drops the boolean.
UPDATE "accounts" SET "status" = 'INACTIVE' WHERE NOT "active";
