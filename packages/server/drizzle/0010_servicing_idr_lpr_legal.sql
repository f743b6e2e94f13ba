CREATE TABLE "benchmark_rates" (
	"benchmark" text NOT NULL,
	"effective_from" date NOT NULL,
	"rate" text NOT NULL,
	"source" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "benchmark_rates_benchmark_effective_from_pk" PRIMARY KEY("benchmark","effective_from")
);
--> statement-breakpoint
CREATE TABLE "income_recertifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"annual_income" bigint NOT NULL,
	"spouse_income" bigint DEFAULT 0 NOT NULL,
	"family_size" integer NOT NULL,
	"filing_status" text NOT NULL,
	"region" text NOT NULL,
	"year" integer NOT NULL,
	"monthly_payment" bigint NOT NULL,
	"standard_payment" bigint NOT NULL,
	"preview" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "legal_case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"opened_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_rate_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"benchmark" text NOT NULL,
	"benchmark_rate" text NOT NULL,
	"spread_bp" integer NOT NULL,
	"old_rate_num" bigint NOT NULL,
	"old_rate_den" bigint NOT NULL,
	"new_rate_num" bigint NOT NULL,
	"new_rate_den" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "state_repayments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"employer" text NOT NULL,
	"region" text NOT NULL,
	"service_start" date NOT NULL,
	"years_of_service" integer NOT NULL,
	"evidence" text NOT NULL,
	"total_amount" bigint NOT NULL,
	"years_paid" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "due_date_rule" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "repayment_plan" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "standard_payment" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "recertify_by" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "forgiveness_programme" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "forgive_after_payments" integer;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "write_off_on" date;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "rate_benchmark" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "rate_spread_bp" integer;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "repricing" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "next_repricing_date" date;--> statement-breakpoint
ALTER TABLE "income_recertifications" ADD CONSTRAINT "income_recertifications_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_case_documents" ADD CONSTRAINT "legal_case_documents_case_id_legal_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."legal_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_cases" ADD CONSTRAINT "legal_cases_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "state_repayments" ADD CONSTRAINT "state_repayments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "income_recertifications_loan_idx" ON "income_recertifications" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "income_recertifications_status_idx" ON "income_recertifications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "legal_case_documents_case_idx" ON "legal_case_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "legal_cases_loan_idx" ON "legal_cases" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "legal_cases_status_idx" ON "legal_cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "loan_rate_changes_loan_idx" ON "loan_rate_changes" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "state_repayments_loan_idx" ON "state_repayments" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "state_repayments_status_idx" ON "state_repayments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "loans_repricing_idx" ON "loans" USING btree ("next_repricing_date") WHERE "loans"."next_repricing_date" is not null;--> statement-breakpoint
CREATE INDEX "loans_recertify_idx" ON "loans" USING btree ("recertify_by") WHERE "loans"."recertify_by" is not null;--> statement-breakpoint
CREATE INDEX "loans_forgiveness_idx" ON "loans" USING btree ("forgiveness_programme") WHERE "loans"."forgiveness_programme" is not null;