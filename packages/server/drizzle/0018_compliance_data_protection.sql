CREATE TABLE "data_region" (
	"id" integer PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_subject_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"regime" text NOT NULL,
	"channel" text NOT NULL,
	"details" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"evidence" jsonb,
	"evidence_sha256" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_by" text,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"placed_by" text,
	"placed_at" timestamp with time zone NOT NULL,
	"released_by" text,
	"released_at" timestamp with time zone,
	"release_reason" text
);
--> statement-breakpoint
CREATE TABLE "regulator_report_files" (
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regulator_report_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"destination_region" text NOT NULL,
	"files" jsonb NOT NULL,
	"issues" jsonb NOT NULL,
	"totals" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"record_type" text PRIMARY KEY NOT NULL,
	"period_months" integer NOT NULL,
	"trigger_event" text NOT NULL,
	"action" text NOT NULL,
	"legal_basis_en" text NOT NULL,
	"legal_basis_zh" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "retention_run_items" (
	"run_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"subject_hash" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"status" text NOT NULL,
	"cursor" jsonb,
	"counts" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"triggered_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"evidence_sha256" text
);
--> statement-breakpoint
ALTER TABLE "regulator_report_files" ADD CONSTRAINT "regulator_report_files_run_id_regulator_report_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."regulator_report_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_run_items" ADD CONSTRAINT "retention_run_items_run_id_retention_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."retention_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_subject_requests_reference_uq" ON "data_subject_requests" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "data_subject_requests_customer_idx" ON "data_subject_requests" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "data_subject_requests_open_idx" ON "data_subject_requests" USING btree ("due_on") WHERE "data_subject_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "legal_holds_active_customer_idx" ON "legal_holds" USING btree ("customer_id") WHERE "legal_holds"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "regulator_report_files_uq" ON "regulator_report_files" USING btree ("run_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "regulator_report_runs_version_uq" ON "regulator_report_runs" USING btree ("report","period","version");--> statement-breakpoint
CREATE INDEX "regulator_report_runs_created_idx" ON "regulator_report_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_run_items_uq" ON "retention_run_items" USING btree ("run_id","record_type","subject_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_runs_as_of_uq" ON "retention_runs" USING btree ("as_of");