CREATE TYPE "appointment_kind" AS ENUM('ONLINE', 'BY_STAFF', 'INVITATION');--> statement-breakpoint
CREATE TYPE "appointment_status" AS ENUM('BOOKED', 'ARRIVED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "reception_outcome" AS ENUM('RESOLVED_ON_SPOT', 'CASE_REGISTERED', 'ATTACHED_TO_CASE', 'REFERRED_TO_MEDIATION');--> statement-breakpoint
CREATE TYPE "reception_recurrence" AS ENUM('ONE_OFF', 'WEEKLY', 'MONTHLY');--> statement-breakpoint
CREATE TYPE "reception_schedule_status" AS ENUM('ACTIVE', 'ENDED');--> statement-breakpoint
CREATE TYPE "reception_status" AS ENUM('WAITING', 'HELD', 'LEFT');--> statement-breakpoint
CREATE TYPE "visit_kind" AS ENUM('HOME_VISIT', 'CASE_VISIT');--> statement-breakpoint
CREATE TYPE "visit_status" AS ENUM('PLANNED', 'DONE', 'CANCELLED');--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'RECEPTION_SCHEDULE';--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'APPOINTMENT';--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'RECEPTION';--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'VISIT';--> statement-breakpoint
ALTER TYPE "booking_purpose" ADD VALUE 'APPOINTMENT';--> statement-breakpoint
ALTER TYPE "mediation_room_kind" ADD VALUE 'RECEPTION_HALL';--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"status" "appointment_status" DEFAULT 'BOOKED'::"appointment_status" NOT NULL,
	"kind" "appointment_kind" NOT NULL,
	"schedule_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"leader_id" uuid NOT NULL,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"petitioner_id" uuid NOT NULL,
	"case_id" uuid,
	"matter" text,
	"booked_by_id" uuid NOT NULL,
	"reminded_at" timestamp with time zone,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "reception_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"status" "reception_schedule_status" DEFAULT 'ACTIVE'::"reception_schedule_status" NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"leader_id" uuid NOT NULL,
	"leader_title" text NOT NULL,
	"room_id" uuid NOT NULL,
	"recurrence" "reception_recurrence" NOT NULL,
	"weekday" smallint,
	"month_day" smallint,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"topics" text[] NOT NULL,
	"on_rest_days" boolean DEFAULT false NOT NULL,
	"cancelled_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"created_by_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"status" "reception_status" DEFAULT 'WAITING'::"reception_status" NOT NULL,
	"schedule_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"date" date NOT NULL,
	"queue_number" integer NOT NULL,
	"petitioner_id" uuid NOT NULL,
	"appointment_id" uuid,
	"leader_id" uuid NOT NULL,
	"desk_staff_id" uuid,
	"desk_badge_number" text,
	"desk_staff_name" text,
	"desk_staff_title" text,
	"facts" text,
	"claim" text,
	"difficulties" text,
	"petition_history" text,
	"prior_handling" text,
	"outcome" "reception_outcome",
	"outcome_note" text,
	"case_id" uuid,
	"mediation_session_id" uuid,
	"held_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visit_cases" (
	"visit_id" uuid,
	"case_id" uuid,
	"position" smallint NOT NULL,
	"result" text,
	CONSTRAINT "visit_cases_pkey" PRIMARY KEY("visit_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"status" "visit_status" DEFAULT 'PLANNED'::"visit_status" NOT NULL,
	"kind" "visit_kind" NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"leader_id" uuid NOT NULL,
	"planned_on" date NOT NULL,
	"place_code" text NOT NULL,
	"place" text NOT NULL,
	"purpose" text NOT NULL,
	"petitioner_id" uuid,
	"carried_out_on" date,
	"summary" text
);
--> statement-breakpoint
CREATE INDEX "appointments_petitioner_idx" ON "appointments" ("petitioner_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_schedule_idx" ON "appointments" ("schedule_id","date");--> statement-breakpoint
CREATE INDEX "appointments_reminder_idx" ON "appointments" ("status","starts_at");--> statement-breakpoint
CREATE INDEX "reception_schedules_unit_idx" ON "reception_schedules" ("unit_path");--> statement-breakpoint
CREATE INDEX "reception_schedules_leader_idx" ON "reception_schedules" ("leader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receptions_queue_idx" ON "receptions" ("schedule_id","date","queue_number");--> statement-breakpoint
CREATE UNIQUE INDEX "receptions_appointment_idx" ON "receptions" ("appointment_id");--> statement-breakpoint
CREATE INDEX "receptions_unit_idx" ON "receptions" ("unit_path","date");--> statement-breakpoint
CREATE INDEX "receptions_case_idx" ON "receptions" ("case_id");--> statement-breakpoint
CREATE INDEX "visit_cases_case_idx" ON "visit_cases" ("case_id");--> statement-breakpoint
CREATE INDEX "visits_unit_idx" ON "visits" ("unit_path","planned_on");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_schedule_id_reception_schedules_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "reception_schedules"("id");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_leader_id_accounts_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booked_by_id_accounts_id_fkey" FOREIGN KEY ("booked_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "reception_schedules" ADD CONSTRAINT "reception_schedules_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "reception_schedules" ADD CONSTRAINT "reception_schedules_leader_id_accounts_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "reception_schedules" ADD CONSTRAINT "reception_schedules_room_id_mediation_rooms_id_fkey" FOREIGN KEY ("room_id") REFERENCES "mediation_rooms"("id");--> statement-breakpoint
ALTER TABLE "reception_schedules" ADD CONSTRAINT "reception_schedules_created_by_id_accounts_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_schedule_id_reception_schedules_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "reception_schedules"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_appointment_id_appointments_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_leader_id_accounts_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_desk_staff_id_accounts_id_fkey" FOREIGN KEY ("desk_staff_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_mediation_session_id_mediation_sessions_id_fkey" FOREIGN KEY ("mediation_session_id") REFERENCES "mediation_sessions"("id");--> statement-breakpoint
ALTER TABLE "visit_cases" ADD CONSTRAINT "visit_cases_visit_id_visits_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id");--> statement-breakpoint
ALTER TABLE "visit_cases" ADD CONSTRAINT "visit_cases_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_leader_id_accounts_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");