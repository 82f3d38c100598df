CREATE TYPE "api_key_scope" AS ENUM('CASES_READ', 'CASES_FILE', 'EVENTS_SUBSCRIBE', 'WEBHOOKS_MANAGE');--> statement-breakpoint
CREATE TYPE "external_system" AS ENUM('HOTLINE_12345', 'JIEFENMA', 'SMS_GATEWAY', 'PROVINCIAL', 'OPEN311', 'OTHER');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL UNIQUE,
	"scopes" "api_key_scope"[] NOT NULL,
	"unit_id" uuid NOT NULL,
	"allowed_ips" text[] DEFAULT '{}'::text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"revoked_by_id" uuid,
	"rate_maximum" integer,
	"rate_restore_per_second" double precision
);
--> statement-breakpoint
CREATE TABLE "external_references" (
	"account_id" uuid,
	"system" "external_system",
	"reference" text,
	"case_id" uuid,
	"request_hash" text NOT NULL,
	"external_due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_references_pkey" PRIMARY KEY("account_id","system","reference")
);
--> statement-breakpoint
CREATE TABLE "public_lookup_limits" (
	"key" varchar(255) PRIMARY KEY,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
CREATE TABLE "rate_buckets" (
	"key" text PRIMARY KEY,
	"available" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"maximum" double precision NOT NULL,
	"restore_per_second" double precision NOT NULL,
	"last_allowed" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"case_id" uuid PRIMARY KEY,
	"service_code" text NOT NULL,
	"lat" double precision,
	"long" double precision,
	"address_string" text,
	"media_url" text
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" ("account_id");--> statement-breakpoint
CREATE INDEX "external_references_case_idx" ON "external_references" ("case_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_accounts_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_id_accounts_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "external_references" ADD CONSTRAINT "external_references_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "external_references" ADD CONSTRAINT "external_references_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");