ALTER TABLE "suggestion_clusters" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "suggestion_clusters" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "suggestion_clusters" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "suggestions" ADD COLUMN "public_on" date;--> statement-breakpoint
CREATE INDEX "suggestions_public_idx" ON "suggestions" ("public_on") WHERE "public_on" is not null;