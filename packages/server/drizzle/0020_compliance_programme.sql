CREATE TABLE "compliance_training_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"course_id" uuid NOT NULL,
	"course_code" text NOT NULL,
	"course_version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"answers" jsonb NOT NULL,
	"statement" text,
	"completed_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_training_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title_en" text NOT NULL,
	"title_zh" text NOT NULL,
	"content_en" text NOT NULL,
	"content_zh" text NOT NULL,
	"quiz" jsonb NOT NULL,
	"pass_mark" integer NOT NULL,
	"validity_months" integer NOT NULL,
	"roles" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_disclosure_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stage" text NOT NULL,
	"version" integer NOT NULL,
	"title_en" text NOT NULL,
	"title_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"body_zh" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_disclosures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"stage" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"application_id" uuid,
	"year" integer,
	"figures" jsonb,
	"title_en" text NOT NULL,
	"title_zh" text NOT NULL,
	"content_en" text NOT NULL,
	"content_zh" text NOT NULL,
	"content_sha256" text NOT NULL,
	"delivery_channel" text NOT NULL,
	"message_id" uuid,
	"delivered_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid,
	"acknowledged_by_name" text,
	"acknowledged_channel" text,
	"acknowledged_ip" text
);
--> statement-breakpoint
CREATE TABLE "compliance_fair_lending_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"trigger" text NOT NULL,
	"min_group_size" integer NOT NULL,
	"threshold_percent" integer NOT NULL,
	"decisions" integer NOT NULL,
	"results" jsonb NOT NULL,
	"flagged" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"title" text NOT NULL,
	"detail" text NOT NULL,
	"severity" text NOT NULL,
	"owner_id" uuid,
	"owner_name" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"remediation" jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"closure_evidence" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_review_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sample_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"audit_event_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"action" text NOT NULL,
	"original_actor_id" uuid,
	"original_actor_name" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb,
	"outcome" text,
	"note" text,
	"reviewer_id" uuid,
	"reviewer_name" text,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_review_samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"rate_percent" integer NOT NULL,
	"seed" text NOT NULL,
	"strata" jsonb NOT NULL,
	"created_by" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "compliance_training_attempts_user" ON "compliance_training_attempts" USING btree ("user_id","course_code","completed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_training_courses_version" ON "compliance_training_courses" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "compliance_training_courses_status" ON "compliance_training_courses" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_disclosure_templates_version" ON "compliance_disclosure_templates" USING btree ("stage","version");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_disclosures_stage" ON "compliance_disclosures" USING btree ("application_id","stage") WHERE application_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_disclosures_privacy_year" ON "compliance_disclosures" USING btree ("customer_id","year") WHERE stage = 'privacy';--> statement-breakpoint
CREATE INDEX "compliance_disclosures_customer" ON "compliance_disclosures" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "compliance_disclosures_pending" ON "compliance_disclosures" USING btree ("acknowledged_at");--> statement-breakpoint
CREATE INDEX "compliance_fair_lending_runs_created" ON "compliance_fair_lending_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "compliance_findings_status" ON "compliance_findings" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "compliance_findings_source" ON "compliance_findings" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "compliance_review_items_sample" ON "compliance_review_items" USING btree ("sample_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_review_items_event" ON "compliance_review_items" USING btree ("sample_id","audit_event_id");