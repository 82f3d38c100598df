DROP INDEX "cases_unit_path_idx";--> statement-breakpoint
CREATE INDEX "cases_unit_path_idx" ON "cases" ("unit_path" text_pattern_ops,"received_on" DESC,"id" DESC);--> statement-breakpoint
DROP INDEX "cases_received_idx";--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" ("received_on" DESC,"id" DESC);