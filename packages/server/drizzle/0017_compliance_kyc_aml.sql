CREATE TABLE "kyc_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text NOT NULL,
	"outcome" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"face_match_score" numeric(5, 4),
	"subject_name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payee_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"payee" text NOT NULL,
	"holder_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_enc" text NOT NULL,
	"account_hash" text NOT NULL,
	"account_masked" text NOT NULL,
	"status" text NOT NULL,
	"is_change" boolean DEFAULT false NOT NULL,
	"reason" text,
	"requested_by" text,
	"requested_at" timestamp with time zone NOT NULL,
	"cooling_off_until" timestamp with time zone,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"verification_note" text,
	"verification_id" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sanctions_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"list_code" text NOT NULL,
	"entry_ref" text NOT NULL,
	"primary_name" text NOT NULL,
	"entry_type" text NOT NULL,
	"programs" text,
	"remarks" text,
	"birth_dates" text[] DEFAULT '{}'::text[] NOT NULL,
	"names" jsonb NOT NULL,
	"keys" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanctions_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"list_code" text NOT NULL,
	"entry_ref" text NOT NULL,
	"version_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"matched_name" text NOT NULL,
	"score" numeric(4, 3) NOT NULL,
	"explanation" text NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"decision" text,
	"reason" text,
	"reviewed_by" text,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanctions_list_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list_code" text NOT NULL,
	"version" integer NOT NULL,
	"format" text NOT NULL,
	"source_name" text NOT NULL,
	"checksum" text NOT NULL,
	"row_count" integer NOT NULL,
	"entry_count" integer NOT NULL,
	"alias_count" integer NOT NULL,
	"imported_by" text,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sanctions_rescreens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"status" text NOT NULL,
	"cursor" uuid,
	"screened" integer DEFAULT 0 NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sar_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"typology" text NOT NULL,
	"summary" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"filing_due_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone,
	"filing_reference" text,
	"closed_reason" text,
	"assigned_to" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sar_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sanctions_entries" ADD CONSTRAINT "sanctions_entries_version_id_sanctions_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."sanctions_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions_rescreens" ADD CONSTRAINT "sanctions_rescreens_version_id_sanctions_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."sanctions_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_evidence" ADD CONSTRAINT "sar_evidence_case_id_sar_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."sar_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kyc_verifications_customer_idx" ON "kyc_verifications" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "payee_accounts_customer_idx" ON "payee_accounts" USING btree ("customer_id","payee","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sanctions_entries_version_ref_uq" ON "sanctions_entries" USING btree ("version_id","entry_ref");--> statement-breakpoint
CREATE INDEX "sanctions_entries_keys_gin" ON "sanctions_entries" USING gin ("keys");--> statement-breakpoint
CREATE UNIQUE INDEX "sanctions_hits_customer_entry_uq" ON "sanctions_hits" USING btree ("customer_id","list_code","entry_ref");--> statement-breakpoint
CREATE INDEX "sanctions_hits_status_idx" ON "sanctions_hits" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sanctions_list_versions_code_version_uq" ON "sanctions_list_versions" USING btree ("list_code","version");--> statement-breakpoint
CREATE INDEX "sanctions_list_versions_checksum_idx" ON "sanctions_list_versions" USING btree ("list_code","checksum");--> statement-breakpoint
CREATE INDEX "sanctions_rescreens_status_idx" ON "sanctions_rescreens" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sar_cases_reference_uq" ON "sar_cases" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "sar_cases_status_due_idx" ON "sar_cases" USING btree ("status","filing_due_at");--> statement-breakpoint
CREATE INDEX "sar_cases_customer_idx" ON "sar_cases" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sar_evidence_case_idx" ON "sar_evidence" USING btree ("case_id","created_at");