CREATE TYPE "calendar_day_kind" AS ENUM('HOLIDAY', 'ADJUSTED_WORKDAY');--> statement-breakpoint
CREATE TYPE "follow_up_method" AS ENUM('PHONE', 'VISIT', 'SMS', 'ONLINE', 'LETTER');--> statement-breakpoint
CREATE TYPE "hearing_status" AS ENUM('SCHEDULED', 'HELD');--> statement-breakpoint
CREATE TYPE "deadline_notice_level" AS ENUM('WARNING', 'BREACHED');--> statement-breakpoint
CREATE TYPE "policy_milestone" AS ENUM('ROUTE', 'ACCEPT', 'HANDLE');--> statement-breakpoint
CREATE TYPE "supervision_status" AS ENUM('OPEN', 'ANSWERED', 'ESCALATED');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_notices" (
	"case_id" uuid,
	"clock" text,
	"due_on" date,
	"level" "deadline_notice_level",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_notices_pkey" PRIMARY KEY("case_id","clock","due_on","level")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"case_id" uuid NOT NULL,
	"method" "follow_up_method" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"notes" text NOT NULL,
	"satisfaction" "satisfaction",
	"recorded_by_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"case_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"held_on" date,
	"location" text NOT NULL,
	"status" "hearing_status" DEFAULT 'SCHEDULED'::"hearing_status" NOT NULL,
	"summary" text
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"milestone" "policy_milestone" NOT NULL,
	"days" smallint NOT NULL,
	"warn_days" smallint DEFAULT 3 NOT NULL,
	"first_petition_only" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"issued_by_id" uuid NOT NULL,
	"instructions" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "supervision_status" DEFAULT 'OPEN'::"supervision_status" NOT NULL,
	"answer" text,
	"answered_on" date,
	"escalated_on" date
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "hearing_pause_started_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_hearing_paused_days" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "re_review_hearing_paused_days" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "decision_delivered_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "review_delivered_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "escalated_to_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "concluded_matter" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_policy" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "warn_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closes_on" date;--> statement-breakpoint
CREATE INDEX "cases_warn_on_idx" ON "cases" ("warn_on") WHERE "warn_on" is not null;--> statement-breakpoint
CREATE INDEX "cases_closes_on_idx" ON "cases" ("closes_on") WHERE "closes_on" is not null;--> statement-breakpoint
CREATE INDEX "follow_ups_case_idx" ON "follow_ups" ("case_id");--> statement-breakpoint
CREATE INDEX "hearings_case_idx" ON "hearings" ("case_id");--> statement-breakpoint
CREATE INDEX "sla_policies_unit_idx" ON "sla_policies" ("unit_id");--> statement-breakpoint
CREATE INDEX "supervisions_case_idx" ON "supervisions" ("case_id");--> statement-breakpoint
CREATE INDEX "supervisions_open_due_idx" ON "supervisions" ("due_on") WHERE "status" = 'OPEN';--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_escalated_to_unit_id_units_id_fkey" FOREIGN KEY ("escalated_to_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "deadline_notices" ADD CONSTRAINT "deadline_notices_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_recorded_by_id_accounts_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_from_unit_id_units_id_fkey" FOREIGN KEY ("from_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_issued_by_id_accounts_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "accounts"("id");