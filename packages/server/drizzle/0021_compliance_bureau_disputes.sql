CREATE TABLE "bureau_furnished_accounts" (
	"run_id" uuid NOT NULL,
	"bureau" text NOT NULL,
	"cycle" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status_code" text NOT NULL,
	"history_code" text NOT NULL,
	"compliance_code" text,
	"data" jsonb NOT NULL,
	"digest" text NOT NULL,
	"correction" text
);
--> statement-breakpoint
CREATE TABLE "bureau_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bureau" text NOT NULL,
	"cycle" text NOT NULL,
	"as_of" date NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"accounts" integer NOT NULL,
	"corrections" integer NOT NULL,
	"disputed" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"totals" jsonb NOT NULL,
	"generated_by" uuid,
	"generated_at" timestamp with time zone NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"loan_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"bureau" text,
	"bureau_reference" text,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"furnished_run_id" uuid,
	"notice_message_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bureau_furnished_accounts" ADD CONSTRAINT "bureau_furnished_accounts_run_id_bureau_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bureau_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bureau_furnished_uq" ON "bureau_furnished_accounts" USING btree ("run_id","loan_id");--> statement-breakpoint
CREATE INDEX "bureau_furnished_loan_idx" ON "bureau_furnished_accounts" USING btree ("bureau","loan_id","cycle");--> statement-breakpoint
CREATE UNIQUE INDEX "bureau_runs_cycle_uq" ON "bureau_runs" USING btree ("bureau","cycle");--> statement-breakpoint
CREATE INDEX "bureau_runs_generated_idx" ON "bureau_runs" USING btree ("generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_disputes_reference_uq" ON "credit_disputes" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "credit_disputes_status_idx" ON "credit_disputes" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "credit_disputes_loan_idx" ON "credit_disputes" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "credit_disputes_customer_idx" ON "credit_disputes" USING btree ("customer_id");