CREATE TABLE "open311_requests" (
	"case_id" uuid PRIMARY KEY,
	"service_code" text NOT NULL,
	"lat" double precision,
	"long" double precision,
	"address_string" text,
	"media_url" text
);
--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");