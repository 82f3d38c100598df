CREATE TABLE "official_calendar_years" (
	"year" smallint PRIMARY KEY,
	"notice" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_by_id" uuid
);
--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" ("updated_at","id");--> statement-breakpoint
ALTER TABLE "official_calendar_years" ADD CONSTRAINT "official_calendar_years_entered_by_id_accounts_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "accounts"("id");