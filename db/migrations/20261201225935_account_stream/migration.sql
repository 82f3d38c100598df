CREATE TYPE "account_status" AS ENUM('ACTIVE', 'INACTIVE');--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'ACCOUNT';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "status" "account_status" DEFAULT 'ACTIVE'::"account_status" NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "last_event_at" timestamp with time zone DEFAULT now() NOT NULL;