CREATE TABLE "consent_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"customer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consents_customer_id_purpose_pk" PRIMARY KEY("customer_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"bureau_name" text,
	"bureau_score" integer,
	"score_date" date,
	"file_status" text,
	"prior_loans" integer DEFAULT 0 NOT NULL,
	"delinquencies" integer DEFAULT 0 NOT NULL,
	"fraud_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"moved" jsonb NOT NULL,
	"merged_by" text,
	"merged_at" timestamp with time zone NOT NULL,
	"reversed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"assignee_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"external_ref" text,
	"legal_name" text NOT NULL,
	"preferred_name" text,
	"search_name" text NOT NULL,
	"date_of_birth" date,
	"gender" text,
	"national_id_type" text,
	"national_id_enc" text,
	"national_id_hash" text,
	"phone_enc" text,
	"phone_hash" text,
	"phone_last4_hash" text,
	"email" text,
	"address" jsonb,
	"country" text,
	"region" text,
	"city" text,
	"preferred_language" text DEFAULT 'zh-CN' NOT NULL,
	"preferred_channel" text DEFAULT 'sms' NOT NULL,
	"declared_loan_purpose" text,
	"status" text DEFAULT 'active' NOT NULL,
	"merged_into" uuid,
	"closed_at" timestamp with time zone,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"class_education_level" text,
	"class_economic_status" text,
	"class_credit_record" text,
	"class_loan_need" text,
	"classification" jsonb NOT NULL,
	"current_school_id" uuid,
	"created_via" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text,
	"changed_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"programme_id" uuid,
	"programme_name" text,
	"level" text NOT NULL,
	"year_of_study" integer,
	"start_date" date NOT NULL,
	"expected_graduation_date" date NOT NULL,
	"status" text NOT NULL,
	"status_date" date NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"latest_gpa" numeric(5, 2),
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"size" integer,
	"annual_income_minor" bigint,
	"currency" text,
	"dependants" integer,
	"need_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text,
	"format" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"skipped_rows" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"length_years" numeric(3, 1),
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "related_parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"national_id_type" text,
	"national_id_enc" text,
	"national_id_hash" text,
	"email" text,
	"occupation" text,
	"annual_income_minor" bigint,
	"currency" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_local" text,
	"country" text NOT NULL,
	"region" text,
	"city" text,
	"type" text NOT NULL,
	"highest_level" text,
	"programme_years" numeric(3, 1),
	"external_code" text,
	"cohort_default_rate" numeric(5, 1),
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"snapshot_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "segment_members_snapshot_id_customer_id_pk" PRIMARY KEY("snapshot_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "segment_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"segment_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"member_count" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"taken_by" text
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"rule" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "term_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"term" text NOT NULL,
	"gpa" numeric(5, 2),
	"gpa_scale" numeric(5, 2),
	"average_score" numeric(5, 2),
	"credits_earned" numeric(6, 1),
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_timeline_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"data" jsonb,
	"actor_name" text
);
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_tasks" ADD CONSTRAINT "customer_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_status_history" ADD CONSTRAINT "enrolment_status_history_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "related_parties" ADD CONSTRAINT "related_parties_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_snapshot_id_segment_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."segment_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshots" ADD CONSTRAINT "segment_snapshots_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_results" ADD CONSTRAINT "term_results_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_timeline_events" ADD CONSTRAINT "customer_timeline_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_customer_idx" ON "consent_events" USING btree ("customer_id","recorded_at");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_tasks_customer_idx" ON "customer_tasks" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_tasks_assignee_idx" ON "customer_tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_external_ref_uq" ON "customers" USING btree ("external_ref");--> statement-breakpoint
CREATE INDEX "customers_national_id_hash_idx" ON "customers" USING btree ("national_id_hash");--> statement-breakpoint
CREATE INDEX "customers_phone_hash_idx" ON "customers" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "customers_phone_last4_idx" ON "customers" USING btree ("phone_last4_hash");--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "customers_search_name_trgm" ON "customers" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_dob_idx" ON "customers" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "customers_school_idx" ON "customers" USING btree ("current_school_id");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "enrolment_status_history_enrolment_idx" ON "enrolment_status_history" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "enrolments_customer_idx" ON "enrolments" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_current_uq" ON "enrolments" USING btree ("customer_id") WHERE "enrolments"."is_current";--> statement-breakpoint
CREATE INDEX "enrolments_school_idx" ON "enrolments" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_school_name_level_uq" ON "programmes" USING btree ("school_id","name","level");--> statement-breakpoint
CREATE INDEX "related_parties_customer_idx" ON "related_parties" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "related_parties_national_id_idx" ON "related_parties" USING btree ("national_id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "schools_country_code_uq" ON "schools" USING btree ("country","external_code");--> statement-breakpoint
CREATE INDEX "schools_name_trgm" ON "schools" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "schools_name_local_trgm" ON "schools" USING gin ("name_local" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "segment_snapshots_segment_idx" ON "segment_snapshots" USING btree ("segment_id","taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "term_results_enrolment_term_uq" ON "term_results" USING btree ("enrolment_id","term");--> statement-breakpoint
CREATE INDEX "customer_timeline_customer_idx" ON "customer_timeline_events" USING btree ("customer_id","occurred_at");