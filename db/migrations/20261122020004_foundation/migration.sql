CREATE TYPE "unit_kind" AS ENUM('PETITION_OFFICE', 'GOVERNMENT', 'DEPARTMENT', 'DISCIPLINE_INSPECTION', 'COMMUNITY');--> statement-breakpoint
CREATE TYPE "unit_level" AS ENUM('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE');--> statement-breakpoint
CREATE TYPE "role" AS ENUM('PETITIONER', 'STAFF', 'LEADER', 'SUPERVISOR', 'MEDIATOR', 'ADMIN', 'INTEGRATOR');--> statement-breakpoint
CREATE TYPE "petitioner_kind" AS ENUM('PERSON', 'ORGANIZATION');--> statement-breakpoint
CREATE TYPE "case_kind" AS ENUM('SUGGESTION', 'ACCUSATION', 'APPEAL_REQUEST');--> statement-breakpoint
CREATE TYPE "case_status" AS ENUM('REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'DECLINED', 'DECIDED', 'REVIEW_REQUESTED', 'REVIEWED', 'REREVIEW_REQUESTED', 'CONCLUDED', 'CLOSED', 'WITHDRAWN', 'MERGED');--> statement-breakpoint
CREATE TYPE "channel" AS ENUM('LETTER', 'VISIT', 'ONLINE', 'PHONE', 'SMS', 'HOTLINE_12345', 'TRANSFER');--> statement-breakpoint
CREATE TYPE "event_stream" AS ENUM('CASE', 'MEDIATION_SESSION', 'SUGGESTION');--> statement-breakpoint
CREATE TYPE "outcome" AS ENUM('SUPPORTED', 'PARTLY_SUPPORTED', 'NOT_SUPPORTED', 'EXPLAINED');--> statement-breakpoint
CREATE TYPE "participant_role" AS ENUM('PRIMARY', 'CO_PETITIONER', 'REPRESENTATIVE', 'AGENT');--> statement-breakpoint
CREATE TYPE "satisfaction" AS ENUM('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED');--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parent_id" uuid,
	"level" "unit_level" NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"division_code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"username" text NOT NULL UNIQUE,
	"display_name" text NOT NULL,
	"unit_id" uuid,
	"petitioner_id" uuid,
	"roles" "role"[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "petitioner_kind" NOT NULL,
	"name" text NOT NULL,
	"identity_number" text,
	"mobile" text,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "case_number_counters" (
	"unit_id" uuid,
	"year" smallint,
	"last_value" integer NOT NULL,
	CONSTRAINT "case_number_counters_pkey" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_petitioners" (
	"case_id" uuid,
	"petitioner_id" uuid,
	"role" "participant_role" NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "case_petitioners_pkey" PRIMARY KEY("case_id","petitioner_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL UNIQUE,
	"query_code" text NOT NULL,
	"kind" "case_kind" NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"channel" "channel" NOT NULL,
	"status" "case_status" DEFAULT 'REGISTERED'::"case_status" NOT NULL,
	"place_code" text NOT NULL,
	"received_on" date NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"receiving_unit_path" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"registered_by_id" uuid,
	"petitioner_ids" uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"repeat_of_id" uuid,
	"merged_into_id" uuid,
	"skip_level" boolean DEFAULT false NOT NULL,
	"accused_unit_id" uuid,
	"accused_unit_path" text,
	"accused_person" text,
	"case_leader_id" uuid,
	"backlog" boolean DEFAULT false NOT NULL,
	"backlog_since" date,
	"backlog_cleared_on" date,
	"routed_on" date,
	"report_due_on" date,
	"accepted_on" date,
	"declined_on" date,
	"decline_reason" text,
	"extension_days" smallint DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"hearing_paused_days" smallint DEFAULT 0 NOT NULL,
	"decided_on" date,
	"outcome" "outcome",
	"decision_summary" text,
	"resolved" boolean,
	"review_unit_id" uuid,
	"review_requested_on" date,
	"review_decided_on" date,
	"review_outcome" "outcome",
	"re_review_unit_id" uuid,
	"re_review_requested_on" date,
	"re_review_decided_on" date,
	"re_review_outcome" "outcome",
	"closed_on" date,
	"satisfaction" "satisfaction",
	"next_due_on" date,
	"overdue" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"stream_type" "event_stream" NOT NULL,
	"stream_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_roles" "role"[] NOT NULL,
	"actor_unit_id" uuid,
	"from_status" text,
	"to_status" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb DEFAULT '{}' NOT NULL,
	"tx_id" xid8 DEFAULT pg_current_xact_id() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"account_id" uuid,
	"key" text,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE INDEX "units_path_idx" ON "units" ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" ("parent_id");--> statement-breakpoint
CREATE INDEX "accounts_unit_idx" ON "accounts" ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "petitioners_identity_number_uq" ON "petitioners" ("identity_number") WHERE "identity_number" is not null;--> statement-breakpoint
CREATE INDEX "case_petitioners_petitioner_idx" ON "case_petitioners" ("petitioner_id");--> statement-breakpoint
CREATE INDEX "cases_unit_path_idx" ON "cases" ("unit_path" text_pattern_ops,"received_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_receiving_unit_path_idx" ON "cases" ("receiving_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" ("received_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_petitioner_ids_idx" ON "cases" USING gin ("petitioner_ids");--> statement-breakpoint
CREATE INDEX "cases_next_due_idx" ON "cases" ("next_due_on") WHERE "next_due_on" is not null;--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "events_stream_sequence_uq" ON "events" ("stream_type","stream_id","sequence");--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");--> statement-breakpoint
ALTER TABLE "case_number_counters" ADD CONSTRAINT "case_number_counters_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "case_petitioners" ADD CONSTRAINT "case_petitioners_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "case_petitioners" ADD CONSTRAINT "case_petitioners_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_receiving_unit_id_units_id_fkey" FOREIGN KEY ("receiving_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_registered_by_id_accounts_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_repeat_of_id_cases_id_fkey" FOREIGN KEY ("repeat_of_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_merged_into_id_cases_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_accused_unit_id_units_id_fkey" FOREIGN KEY ("accused_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_leader_id_accounts_id_fkey" FOREIGN KEY ("case_leader_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_review_unit_id_units_id_fkey" FOREIGN KEY ("review_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_re_review_unit_id_units_id_fkey" FOREIGN KEY ("re_review_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_id_accounts_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_unit_id_units_id_fkey" FOREIGN KEY ("actor_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");