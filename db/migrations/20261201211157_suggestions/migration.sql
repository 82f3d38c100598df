CREATE TYPE "suggestion_campaign_status" AS ENUM('DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "suggestion_conversion_kind" AS ENUM('POLICY_DOCUMENT', 'MEASURE', 'PROJECT', 'LEGISLATION', 'NPC_PROPOSAL', 'CPPCC_PROPOSAL', 'WORK_STUDY');--> statement-breakpoint
CREATE TYPE "suggestion_conversion_progress" AS ENUM('PLANNED', 'IN_PROGRESS', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "suggestion_nomination_status" AS ENUM('NOMINATED', 'AWARDED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "suggestion_decline_reason" AS ENUM('DUPLICATE', 'OUT_OF_SCOPE', 'PERSONAL_GRIEVANCE', 'UNLAWFUL_CONTENT');--> statement-breakpoint
CREATE TYPE "suggestion_status" AS ENUM('SUBMITTED', 'UNDER_ASSESSMENT', 'ASSESSED', 'DECLINED', 'ADOPTED', 'PARTLY_ADOPTED', 'FOR_REFERENCE', 'NOT_ADOPTED', 'CONVERTED', 'WITHDRAWN', 'TRANSFERRED_TO_CASE');--> statement-breakpoint
ALTER TYPE "event_stream" ADD VALUE 'SUGGESTION_CAMPAIGN';--> statement-breakpoint
CREATE TABLE "suggestion_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"value_score" smallint,
	"feasibility_score" smallint,
	"notes" text,
	"assessed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "suggestion_assessor_pool" (
	"unit_id" uuid,
	"account_id" uuid,
	"specialty" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "suggestion_assessor_pool_pkey" PRIMARY KEY("unit_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_award_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rank" smallint NOT NULL,
	"year" smallint,
	"campaign_id" uuid,
	"quota" smallint NOT NULL,
	"prize" text
);
--> statement-breakpoint
CREATE TABLE "suggestion_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"categories" text[] NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" "suggestion_campaign_status" DEFAULT 'DRAFT'::"suggestion_campaign_status" NOT NULL,
	"feedback_days" smallint NOT NULL,
	"endorsement_threshold" integer NOT NULL,
	"created_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "suggestion_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"title" text NOT NULL,
	"campaign_id" uuid,
	"category" text NOT NULL,
	"unit_path" text NOT NULL,
	"created_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "suggestion_conversions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"kind" "suggestion_conversion_kind" NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"converted_on" date NOT NULL,
	"link" text,
	"progress" "suggestion_conversion_progress" NOT NULL,
	"progress_note" text,
	"progress_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_deadline_notices" (
	"suggestion_id" uuid,
	"due_on" date,
	"level" "deadline_notice_level",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_deadline_notices_pkey" PRIMARY KEY("suggestion_id","due_on","level")
);
--> statement-breakpoint
CREATE TABLE "suggestion_endorsements" (
	"suggestion_id" uuid,
	"account_id" uuid,
	"endorsed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "suggestion_endorsements_pkey" PRIMARY KEY("suggestion_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "suggestion_gram_counts" (
	"bucket" text,
	"gram" text,
	"documents" integer NOT NULL,
	CONSTRAINT "suggestion_gram_counts_pkey" PRIMARY KEY("bucket","gram")
);
--> statement-breakpoint
CREATE TABLE "suggestion_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"nominated_by_id" uuid,
	"reason" text NOT NULL,
	"status" "suggestion_nomination_status" DEFAULT 'NOMINATED'::"suggestion_nomination_status" NOT NULL,
	"decided_by_id" uuid,
	"decided_on" date,
	"panel_note" text
);
--> statement-breakpoint
CREATE TABLE "suggestion_number_counters" (
	"unit_id" uuid,
	"year" smallint,
	"last_value" integer NOT NULL,
	CONSTRAINT "suggestion_number_counters_pkey" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	"number" text NOT NULL UNIQUE,
	"query_code" text NOT NULL,
	"campaign_id" uuid,
	"submitter_account_id" uuid,
	"contact_name" text,
	"contact_mobile" text,
	"public_name_consent" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"category" text NOT NULL,
	"place_code" text,
	"channel" "channel" NOT NULL,
	"attachments" jsonb DEFAULT '[]' NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"status" "suggestion_status" DEFAULT 'SUBMITTED'::"suggestion_status" NOT NULL,
	"received_on" date NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"registered_by_id" uuid,
	"feedback_days" smallint NOT NULL,
	"feedback_due_on" date NOT NULL,
	"feedback_on" date,
	"warn_on" date,
	"overdue" boolean DEFAULT false NOT NULL,
	"withdrawn_on" date,
	"decline_reason" "suggestion_decline_reason",
	"decline_explanation" text,
	"decided_on" date,
	"answer" text,
	"answer_published_on" date,
	"assessor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"cluster_id" uuid,
	"endorsement_count" integer DEFAULT 0 NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"priority_flagged_on" date,
	"source_case_id" uuid,
	"case_id" uuid,
	"similarity_bucket" text NOT NULL,
	"similarity_keys" text[] NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_assessments_uq" ON "suggestion_assessments" ("suggestion_id","assessor_id");--> statement-breakpoint
CREATE INDEX "suggestion_assessments_assessor_idx" ON "suggestion_assessments" ("assessor_id");--> statement-breakpoint
CREATE INDEX "suggestion_award_tiers_unit_idx" ON "suggestion_award_tiers" ("unit_id");--> statement-breakpoint
CREATE INDEX "suggestion_campaigns_unit_path_idx" ON "suggestion_campaigns" ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "suggestion_campaigns_status_idx" ON "suggestion_campaigns" ("status");--> statement-breakpoint
CREATE INDEX "suggestion_conversions_suggestion_idx" ON "suggestion_conversions" ("suggestion_id");--> statement-breakpoint
CREATE INDEX "suggestion_endorsements_account_idx" ON "suggestion_endorsements" ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_nominations_uq" ON "suggestion_nominations" ("suggestion_id","tier_id");--> statement-breakpoint
CREATE INDEX "suggestion_nominations_tier_idx" ON "suggestion_nominations" ("tier_id");--> statement-breakpoint
CREATE INDEX "suggestions_unit_path_idx" ON "suggestions" ("unit_path" text_pattern_ops,"received_on" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "suggestions_campaign_idx" ON "suggestions" ("campaign_id");--> statement-breakpoint
CREATE INDEX "suggestions_submitter_idx" ON "suggestions" ("submitter_account_id");--> statement-breakpoint
CREATE INDEX "suggestions_cluster_idx" ON "suggestions" ("cluster_id");--> statement-breakpoint
CREATE INDEX "suggestions_source_case_idx" ON "suggestions" ("source_case_id");--> statement-breakpoint
CREATE INDEX "suggestions_case_idx" ON "suggestions" ("case_id");--> statement-breakpoint
CREATE INDEX "suggestions_warn_on_idx" ON "suggestions" ("warn_on") WHERE "warn_on" is not null;--> statement-breakpoint
CREATE INDEX "suggestions_similarity_keys_idx" ON "suggestions" USING gin ("similarity_keys") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "suggestions_published_idx" ON "suggestions" ("answer_published_on") WHERE "answer_published_on" is not null;--> statement-breakpoint
ALTER TABLE "suggestion_assessments" ADD CONSTRAINT "suggestion_assessments_suggestion_id_suggestions_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id");--> statement-breakpoint
ALTER TABLE "suggestion_assessments" ADD CONSTRAINT "suggestion_assessments_assessor_id_accounts_id_fkey" FOREIGN KEY ("assessor_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_assessor_pool" ADD CONSTRAINT "suggestion_assessor_pool_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestion_assessor_pool" ADD CONSTRAINT "suggestion_assessor_pool_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_award_tiers" ADD CONSTRAINT "suggestion_award_tiers_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestion_award_tiers" ADD CONSTRAINT "suggestion_award_tiers_campaign_id_suggestion_campaigns_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "suggestion_campaigns"("id");--> statement-breakpoint
ALTER TABLE "suggestion_campaigns" ADD CONSTRAINT "suggestion_campaigns_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestion_campaigns" ADD CONSTRAINT "suggestion_campaigns_created_by_id_accounts_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_clusters" ADD CONSTRAINT "suggestion_clusters_campaign_id_suggestion_campaigns_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "suggestion_campaigns"("id");--> statement-breakpoint
ALTER TABLE "suggestion_clusters" ADD CONSTRAINT "suggestion_clusters_created_by_id_accounts_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_conversions" ADD CONSTRAINT "suggestion_conversions_suggestion_id_suggestions_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id");--> statement-breakpoint
ALTER TABLE "suggestion_conversions" ADD CONSTRAINT "suggestion_conversions_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestion_deadline_notices" ADD CONSTRAINT "suggestion_deadline_notices_suggestion_id_suggestions_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id");--> statement-breakpoint
ALTER TABLE "suggestion_endorsements" ADD CONSTRAINT "suggestion_endorsements_suggestion_id_suggestions_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id");--> statement-breakpoint
ALTER TABLE "suggestion_endorsements" ADD CONSTRAINT "suggestion_endorsements_account_id_accounts_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_nominations" ADD CONSTRAINT "suggestion_nominations_suggestion_id_suggestions_id_fkey" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions"("id");--> statement-breakpoint
ALTER TABLE "suggestion_nominations" ADD CONSTRAINT "suggestion_nominations_tier_id_suggestion_award_tiers_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "suggestion_award_tiers"("id");--> statement-breakpoint
ALTER TABLE "suggestion_nominations" ADD CONSTRAINT "suggestion_nominations_nominated_by_id_accounts_id_fkey" FOREIGN KEY ("nominated_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_nominations" ADD CONSTRAINT "suggestion_nominations_decided_by_id_accounts_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestion_number_counters" ADD CONSTRAINT "suggestion_number_counters_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_campaign_id_suggestion_campaigns_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "suggestion_campaigns"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_submitter_account_id_accounts_id_fkey" FOREIGN KEY ("submitter_account_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_receiving_unit_id_units_id_fkey" FOREIGN KEY ("receiving_unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_unit_id_units_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_registered_by_id_accounts_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "accounts"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_cluster_id_suggestion_clusters_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "suggestion_clusters"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_source_case_id_cases_id_fkey" FOREIGN KEY ("source_case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");