CREATE TYPE "booking_purpose" AS ENUM('MEDIATION_SESSION');--> statement-breakpoint
CREATE TYPE "booking_resource" AS ENUM('ROOM', 'MEDIATOR', 'ACCOUNT');--> statement-breakpoint
CREATE TYPE "gender" AS ENUM('MALE', 'FEMALE');--> statement-breakpoint
CREATE TYPE "mediator_background" AS ENUM('RETIRED_CADRE', 'TEACHER', 'VILLAGE_DOCTOR', 'LAWYER', 'PARTY_ELDER', 'ENTREPRENEUR', 'FIVE_ELDERS', 'VILLAGE_CADRE', 'VETERAN', 'OTHER');--> statement-breakpoint
CREATE TYPE "mediator_grade" AS ENUM('CHIEF', 'FIRST', 'SECOND', 'THIRD');--> statement-breakpoint
CREATE TYPE "mediator_status" AS ENUM('CANDIDATE', 'ACTIVE', 'SUSPENDED', 'REMOVED');--> statement-breakpoint
CREATE TYPE "mediation_panel_role" AS ENUM('LEAD', 'PRESIDING', 'MEMBER');--> statement-breakpoint
CREATE TYPE "mediation_party_role" AS ENUM('APPLICANT', 'RESPONDENT', 'THIRD_PARTY', 'AGENT');--> statement-breakpoint
CREATE TYPE "mediation_performance_state" AS ENUM('FULFILLED', 'PARTLY_FULFILLED', 'NOT_FULFILLED');--> statement-breakpoint
CREATE TYPE "mediator_relationship_kind" AS ENUM('RELATIVE', 'EMPLOYER', 'ORGANISATION', 'HOUSEHOLD', 'INTEREST');--> statement-breakpoint
CREATE TYPE "mediator_removal_cause" AS ENUM('PARTIALITY', 'INSULTING_PARTY', 'BRIBERY', 'PRIVACY_BREACH', 'UNFIT', 'TERM_ENDED', 'RESIGNED');--> statement-breakpoint
CREATE TYPE "mediation_room_kind" AS ENUM('PETITION_REVIEW_ROOM', 'MEDIATION_ROOM', 'DISPUTE_CENTER', 'COMMUNITY_HALL');--> statement-breakpoint
CREATE TYPE "mediation_room_status" AS ENUM('OPEN', 'CLOSED');--> statement-breakpoint
CREATE TYPE "mediation_session_kind" AS ENUM('MEDIATION', 'REVIEW_TALK', 'HEARING');--> statement-breakpoint
CREATE TYPE "mediation_session_status" AS ENUM('PENDING_MEDIATOR', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'SCHEDULED', 'POSTPONED', 'IN_PROGRESS', 'AGREEMENT', 'NO_AGREEMENT', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "mediation_specialty" AS ENUM('MARRIAGE_FAMILY', 'NEIGHBOURHOOD', 'LAND_HOMESTEAD', 'LABOUR_WAGES', 'PROPERTY_MANAGEMENT', 'LAND_ACQUISITION', 'CONSUMER', 'MEDICAL', 'TRAFFIC', 'CONTRACT_DEBT', 'OTHER');--> statement-breakpoint
CREATE TYPE "mediation_termination_reason" AS ENUM('NO_AGREEMENT_REACHED', 'PARTY_REFUSED', 'PARTY_ABSENT', 'PERIOD_EXPIRED', 'SETTLED_BY_PARTIES', 'OTHER_PROCEDURE', 'UNLAWFUL_CONTENT');--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'MEDIATOR';--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'MEDIATION_ROOM';--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resource_kind" "booking_resource" NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"purpose_kind" "booking_purpose" NOT NULL,
	"purpose_id" uuid NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mediation_agreement_signatures" (
	"agreement_id" uuid,
	"party_id" uuid,
	"signed_on" date NOT NULL,
	CONSTRAINT "mediation_agreement_signatures_pkey" PRIMARY KEY("agreement_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_conflict_waivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL,
	"mediator_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"relationship_id" uuid,
	"statement" text NOT NULL,
	"recorded_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "mediation_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL UNIQUE,
	"dispute" text NOT NULL,
	"terms" text NOT NULL,
	"performance_method" text NOT NULL,
	"performance_due_on" date NOT NULL,
	"agreed_on" date NOT NULL,
	"effective_on" date,
	"confirmation_due_on" date
);
--> statement-breakpoint
CREATE TABLE "mediation_panel_members" (
	"session_id" uuid,
	"mediator_id" uuid,
	"role" "mediation_panel_role" NOT NULL,
	CONSTRAINT "mediation_panel_members_pkey" PRIMARY KEY("session_id","mediator_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"session_id" uuid NOT NULL,
	"role" "mediation_party_role" NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"identity_number" text,
	"mobile" text,
	"address" text,
	"household_code" text,
	"organisation" text,
	"petitioner_id" uuid
);
--> statement-breakpoint
CREATE TABLE "mediation_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"kind" "mediation_room_kind" NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"division_code" text NOT NULL,
	"capacity" smallint NOT NULL,
	"opening_hours" jsonb DEFAULT '[]' NOT NULL,
	"status" "mediation_room_status" DEFAULT 'OPEN'::"mediation_room_status" NOT NULL,
	"closed_from" date,
	"closed_until" date,
	"closed_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"kind" "mediation_session_kind" NOT NULL,
	"status" "mediation_session_status" DEFAULT 'PENDING_MEDIATOR'::"mediation_session_status" NOT NULL,
	"case_id" uuid,
	"resulting_case_id" uuid,
	"hearing_id" uuid,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"place" text,
	"place_code" text NOT NULL,
	"specialty" "mediation_specialty" NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"opened_on" date NOT NULL,
	"choice_due_on" date NOT NULL,
	"assign_due_on" date NOT NULL,
	"accept_due_on" date,
	"settle_due_on" date NOT NULL,
	"chosen_by_parties" boolean,
	"lead_mediator_id" uuid,
	"presiding_mediator_id" uuid,
	"panel_mediator_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"accepted_on" date,
	"room_id" uuid,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"concluded_on" date,
	"termination_reason" "mediation_termination_reason",
	"outcome_note" text,
	"satisfaction" "satisfaction",
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediator_affiliations" (
	"mediator_id" uuid,
	"room_id" uuid,
	"since" date NOT NULL,
	CONSTRAINT "mediator_affiliations_pkey" PRIMARY KEY("mediator_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "mediator_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mediator_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "mediator_availability" (
	"mediator_id" uuid,
	"weekday" smallint,
	"starts_at" time,
	"ends_at" time NOT NULL,
	CONSTRAINT "mediator_availability_pkey" PRIMARY KEY("mediator_id","weekday","starts_at")
);
--> statement-breakpoint
CREATE TABLE "mediator_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mediator_id" uuid NOT NULL,
	"kind" "mediator_relationship_kind" NOT NULL,
	"name" text NOT NULL,
	"identity_number" text,
	"household_code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "mediator_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mediator_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"hours" numeric(5,1) NOT NULL,
	"trained_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediator_unavailability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mediator_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"roster_key" text NOT NULL,
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_year" smallint NOT NULL,
	"background" "mediator_background" NOT NULL,
	"specialties" "mediation_specialty"[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"home_unit_id" uuid NOT NULL,
	"home_unit_path" text NOT NULL,
	"household_code" text,
	"mobile" text,
	"identity_number" text,
	"grade" "mediator_grade" NOT NULL,
	"status" "mediator_status" DEFAULT 'CANDIDATE'::"mediator_status" NOT NULL,
	"status_reason" text,
	"removal_cause" "mediator_removal_cause",
	"account_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_performance_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"method" "follow_up_method" NOT NULL,
	"occurred_on" date NOT NULL,
	"state" "mediation_performance_state" NOT NULL,
	"notes" text NOT NULL,
	"satisfaction" "satisfaction",
	"recorded_by_id" uuid
);
--> statement-breakpoint
CREATE INDEX "bookings_purpose_idx" ON "bookings" ("purpose_kind","purpose_id");--> statement-breakpoint
CREATE INDEX "bookings_resource_idx" ON "bookings" ("resource_kind","resource_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_conflict_waivers_uq" ON "mediation_conflict_waivers" ("session_id","mediator_id","party_id");--> statement-breakpoint
CREATE INDEX "mediation_panel_members_mediator_idx" ON "mediation_panel_members" ("mediator_id");--> statement-breakpoint
CREATE INDEX "mediation_parties_session_idx" ON "mediation_parties" ("session_id","position");--> statement-breakpoint
CREATE INDEX "mediation_rooms_unit_path_idx" ON "mediation_rooms" ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "mediation_sessions_unit_path_idx" ON "mediation_sessions" ("unit_path" text_pattern_ops,"opened_on" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "mediation_sessions_case_idx" ON "mediation_sessions" ("case_id") WHERE "case_id" is not null;--> statement-breakpoint
CREATE INDEX "mediation_sessions_panel_idx" ON "mediation_sessions" USING gin ("panel_mediator_ids");--> statement-breakpoint
CREATE INDEX "mediation_sessions_room_idx" ON "mediation_sessions" ("room_id");--> statement-breakpoint
CREATE INDEX "mediator_affiliations_room_idx" ON "mediator_affiliations" ("room_id");--> statement-breakpoint
CREATE INDEX "mediator_appointments_mediator_idx" ON "mediator_appointments" ("mediator_id","starts_on");--> statement-breakpoint
CREATE INDEX "mediator_relationships_mediator_idx" ON "mediator_relationships" ("mediator_id");--> statement-breakpoint
CREATE INDEX "mediator_trainings_mediator_idx" ON "mediator_trainings" ("mediator_id","trained_on");--> statement-breakpoint
CREATE INDEX "mediator_unavailability_mediator_idx" ON "mediator_unavailability" ("mediator_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mediators_roster_key_uq" ON "mediators" ("unit_id","roster_key");--> statement-breakpoint
CREATE UNIQUE INDEX "mediators_account_uq" ON "mediators" ("account_id") WHERE "account_id" is not null;--> statement-breakpoint
CREATE INDEX "mediators_unit_path_idx" ON "mediators" ("unit_path" text_pattern_ops,"name","id");--> statement-breakpoint
CREATE INDEX "mediators_home_unit_path_idx" ON "mediators" ("home_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "mediation_performance_follow_ups_agreement_idx" ON "mediation_performance_follow_ups" ("agreement_id","occurred_on");--> statement-breakpoint
ALTER TABLE "mediation_agreement_signatures" ADD CONSTRAINT "mediation_agreement_signatures_YkvLVNk7wn1L_fkey" FOREIGN KEY ("agreement_id") REFERENCES "mediation_agreements"("id");--> statement-breakpoint
ALTER TABLE "mediation_agreement_signatures" ADD CONSTRAINT "mediation_agreement_signatures_srLTVtPifx26_fkey" FOREIGN KEY ("party_id") REFERENCES "mediation_parties"("id");--> statement-breakpoint
ALTER TABLE "mediation_conflict_waivers" ADD CONSTRAINT "mediation_conflict_waivers_HsfOHGx0X0vl_fkey" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id");--> statement-breakpoint
ALTER TABLE "mediation_conflict_waivers" ADD CONSTRAINT "mediation_conflict_waivers_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediation_conflict_waivers" ADD CONSTRAINT "mediation_conflict_waivers_party_id_mediation_parties_id_fkey" FOREIGN KEY ("party_id") REFERENCES "mediation_parties"("id");--> statement-breakpoint
ALTER TABLE "mediation_conflict_waivers" ADD CONSTRAINT "mediation_conflict_waivers_iRBXz6N3d7pI_fkey" FOREIGN KEY ("relationship_id") REFERENCES "mediator_relationships"("id");--> statement-breakpoint
ALTER TABLE "mediation_conflict_waivers" ADD CONSTRAINT "mediation_conflict_waivers_recorded_by_id_accounts_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD CONSTRAINT "mediation_agreements_session_id_mediation_sessions_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id");--> statement-breakpoint
ALTER TABLE "mediation_panel_members" ADD CONSTRAINT "mediation_panel_members_session_id_mediation_sessions_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id");--> statement-breakpoint
ALTER TABLE "mediation_panel_members" ADD CONSTRAINT "mediation_panel_members_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediation_parties" ADD CONSTRAINT "mediation_parties_session_id_mediation_sessions_id_fkey" FOREIGN KEY ("session_id") REFERENCES "mediation_sessions"("id");--> statement-breakpoint
ALTER TABLE "mediation_parties" ADD CONSTRAINT "mediation_parties_petitioner_id_petitioners_id_fkey" FOREIGN KEY ("petitioner_id") REFERENCES "petitioners"("id");--> statement-breakpoint
ALTER TABLE "mediation_rooms" ADD CONSTRAINT "mediation_rooms_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_resulting_case_id_cases_id_fkey" FOREIGN KEY ("resulting_case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_hearing_id_hearings_id_fkey" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_lead_mediator_id_mediators_id_fkey" FOREIGN KEY ("lead_mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_presiding_mediator_id_mediators_id_fkey" FOREIGN KEY ("presiding_mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_room_id_mediation_rooms_id_fkey" FOREIGN KEY ("room_id") REFERENCES "mediation_rooms"("id");--> statement-breakpoint
ALTER TABLE "mediator_affiliations" ADD CONSTRAINT "mediator_affiliations_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediator_affiliations" ADD CONSTRAINT "mediator_affiliations_room_id_mediation_rooms_id_fkey" FOREIGN KEY ("room_id") REFERENCES "mediation_rooms"("id");--> statement-breakpoint
ALTER TABLE "mediator_appointments" ADD CONSTRAINT "mediator_appointments_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediator_appointments" ADD CONSTRAINT "mediator_appointments_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "mediator_availability" ADD CONSTRAINT "mediator_availability_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediator_relationships" ADD CONSTRAINT "mediator_relationships_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediator_trainings" ADD CONSTRAINT "mediator_trainings_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediator_unavailability" ADD CONSTRAINT "mediator_unavailability_mediator_id_mediators_id_fkey" FOREIGN KEY ("mediator_id") REFERENCES "mediators"("id");--> statement-breakpoint
ALTER TABLE "mediators" ADD CONSTRAINT "mediators_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "mediators" ADD CONSTRAINT "mediators_home_unit_id_units_id_fkey" FOREIGN KEY ("home_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "mediators" ADD CONSTRAINT "mediators_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "mediation_performance_follow_ups" ADD CONSTRAINT "mediation_performance_follow_ups_1O0P2kLcE7Ko_fkey" FOREIGN KEY ("agreement_id") REFERENCES "mediation_agreements"("id");--> statement-breakpoint
ALTER TABLE "mediation_performance_follow_ups" ADD CONSTRAINT "mediation_performance_follow_ups_acswPLyg8C7Y_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "accounts"("id");