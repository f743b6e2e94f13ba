CREATE TABLE "cob_runs" (
	"business_date" date PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"steps_done" jsonb NOT NULL,
	"stats" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "collection_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"outcome" text,
	"promised_amount" bigint,
	"promised_date" date,
	"promise_status" text,
	"note" text,
	"actor_id" uuid,
	"business_date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gl_accounts" (
	"code" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"extra_instalments" integer DEFAULT 0 NOT NULL,
	"evidence" text,
	"status" text NOT NULL,
	"preview" jsonb NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journal_id" bigint NOT NULL,
	"account_code" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"loan_id" uuid,
	"product_code" text
);
--> statement-breakpoint
CREATE TABLE "journals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_date" date NOT NULL,
	"kind" text NOT NULL,
	"loan_id" uuid,
	"product_code" text,
	"description" text NOT NULL,
	"reverses_journal_id" bigint,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_bills" (
	"loan_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"instalment" integer,
	"due_date" date NOT NULL,
	"principal" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"paid_principal" bigint DEFAULT 0 NOT NULL,
	"paid_interest" bigint DEFAULT 0 NOT NULL,
	"late_fee_charged" boolean DEFAULT false NOT NULL,
	"billed_on" date NOT NULL,
	CONSTRAINT "loan_bills_loan_id_seq_pk" PRIMARY KEY("loan_id","seq")
);
--> statement-breakpoint
CREATE TABLE "loan_disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"tranche" integer NOT NULL,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"business_date" date NOT NULL,
	"journal_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_schedules" (
	"loan_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"generated_on" date NOT NULL,
	"reason" text NOT NULL,
	"schedule" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_state_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"business_date" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"loan_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_code" text NOT NULL,
	"product_version" integer NOT NULL,
	"currency" text NOT NULL,
	"state" text NOT NULL,
	"state_since" date NOT NULL,
	"rate_num" bigint NOT NULL,
	"rate_den" bigint NOT NULL,
	"penalty_rate_num" bigint DEFAULT 0 NOT NULL,
	"penalty_rate_den" bigint DEFAULT 1 NOT NULL,
	"day_count" text NOT NULL,
	"rounding" text NOT NULL,
	"interest_mode" text NOT NULL,
	"capitalise_at_phase_end" boolean DEFAULT false NOT NULL,
	"grace_interest" text NOT NULL,
	"capitalisation_events" jsonb NOT NULL,
	"commitment" bigint NOT NULL,
	"disbursed" bigint DEFAULT 0 NOT NULL,
	"principal" bigint DEFAULT 0 NOT NULL,
	"principal_due" bigint DEFAULT 0 NOT NULL,
	"interest_accrued_num" numeric(60, 0) DEFAULT '0' NOT NULL,
	"interest_accrued" bigint DEFAULT 0 NOT NULL,
	"interest_due" bigint DEFAULT 0 NOT NULL,
	"subsidy_accrued_num" numeric(60, 0) DEFAULT '0' NOT NULL,
	"subsidy_accrued" bigint DEFAULT 0 NOT NULL,
	"penalty_due" bigint DEFAULT 0 NOT NULL,
	"fees_due" bigint DEFAULT 0 NOT NULL,
	"credit_balance" bigint DEFAULT 0 NOT NULL,
	"charged_off_amount" bigint DEFAULT 0 NOT NULL,
	"accrual_delta" bigint DEFAULT 0 NOT NULL,
	"subsidy_delta" bigint DEFAULT 0 NOT NULL,
	"accrued_through" date,
	"in_school_until" date,
	"grace_until" date,
	"relief_until" date,
	"relief_return_state" text,
	"repay_method" text NOT NULL,
	"frequency_months" integer NOT NULL,
	"term_instalments" integer NOT NULL,
	"first_due_date" date,
	"next_due_date" date,
	"next_instalment" integer DEFAULT 1 NOT NULL,
	"bills_count" integer DEFAULT 0 NOT NULL,
	"instalments_total" integer DEFAULT 0 NOT NULL,
	"level_payment" bigint DEFAULT 0 NOT NULL,
	"level_principal" bigint DEFAULT 0 NOT NULL,
	"interest_date_md" text,
	"oldest_due_date" date,
	"days_past_due" integer DEFAULT 0 NOT NULL,
	"bucket" text DEFAULT 'current' NOT NULL,
	"default_days_past_due" integer NOT NULL,
	"charge_off_days_past_due" integer NOT NULL,
	"late_fee" bigint DEFAULT 0 NOT NULL,
	"origination_share" text,
	"allocation_order" jsonb NOT NULL,
	"qualifying_payments" integer DEFAULT 0 NOT NULL,
	"opened_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"batch_key" text,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"business_date" date NOT NULL,
	"reference" text,
	"prepayment" text NOT NULL,
	"status" text NOT NULL,
	"allocation" jsonb NOT NULL,
	"before" jsonb NOT NULL,
	"journal_id" bigint NOT NULL,
	"reversal_journal_id" bigint,
	"reversal_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"reversed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "servicing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"loan_id" uuid,
	"customer_id" uuid,
	"business_date" date NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "servicing_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"business_date" date NOT NULL,
	"calendar" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suspense_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bank_transaction_id" text NOT NULL,
	"value_date" date NOT NULL,
	"business_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"journal_id" bigint NOT NULL,
	"payment_id" uuid,
	"matched_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"matched_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_requests" ADD CONSTRAINT "hardship_requests_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_journal_id_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_code_gl_accounts_code_fk" FOREIGN KEY ("account_code") REFERENCES "public"."gl_accounts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_disbursements" ADD CONSTRAINT "loan_disbursements_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_state_history" ADD CONSTRAINT "loan_state_history_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_actions_loan_idx" ON "collection_actions" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "hardship_requests_loan_idx" ON "hardship_requests" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "hardship_requests_status_idx" ON "hardship_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "journal_lines_journal_idx" ON "journal_lines" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "journal_lines_loan_idx" ON "journal_lines" USING btree ("loan_id","account_code");--> statement-breakpoint
CREATE INDEX "journals_loan_idx" ON "journals" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "journals_date_idx" ON "journals" USING btree ("business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "journals_reverses_uq" ON "journals" USING btree ("reverses_journal_id");--> statement-breakpoint
CREATE INDEX "loan_bills_due_idx" ON "loan_bills" USING btree ("due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_disbursements_tranche_uq" ON "loan_disbursements" USING btree ("loan_id","tranche");--> statement-breakpoint
CREATE INDEX "loan_state_history_loan_idx" ON "loan_state_history" USING btree ("loan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_number_uq" ON "loans" USING btree ("loan_number");--> statement-breakpoint
CREATE INDEX "loans_customer_idx" ON "loans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "loans_state_idx" ON "loans" USING btree ("state");--> statement-breakpoint
CREATE INDEX "loans_next_due_idx" ON "loans" USING btree ("next_due_date");--> statement-breakpoint
CREATE INDEX "loans_oldest_due_idx" ON "loans" USING btree ("oldest_due_date") WHERE "loans"."oldest_due_date" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_uq" ON "payments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "payments_loan_idx" ON "payments" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "servicing_events_type_idx" ON "servicing_events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "servicing_events_loan_idx" ON "servicing_events" USING btree ("loan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suspense_items_bank_tx_uq" ON "suspense_items" USING btree ("bank_transaction_id");--> statement-breakpoint
CREATE INDEX "suspense_items_status_idx" ON "suspense_items" USING btree ("status");