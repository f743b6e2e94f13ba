CREATE TABLE "origination_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"national_id_enc" text,
	"national_id_hash" text,
	"product_code" text,
	"school_id" uuid,
	"currency" text,
	"requested_total" bigint,
	"enrolment_check" text DEFAULT 'pending' NOT NULL,
	"enrolment_checked_by" text,
	"enrolment_checked_at" timestamp with time zone,
	"enrolment_note" text,
	"checks" jsonb,
	"cosigner_consent_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_seconds" integer,
	"first_disbursed_at" timestamp with time zone,
	"loan_id" uuid
);
--> statement-breakpoint
CREATE TABLE "origination_contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"contract_number" text NOT NULL,
	"version" integer NOT NULL,
	"template_version" text NOT NULL,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"document" "bytea" NOT NULL,
	"document_sha256" text NOT NULL,
	"electronic_consent_at" timestamp with time zone,
	"sealed" "bytea",
	"sealed_sha256" text,
	"sealed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "origination_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"policy_outcome" text NOT NULL,
	"rules" jsonb NOT NULL,
	"score" jsonb,
	"reasons" jsonb NOT NULL,
	"approved_amount" bigint,
	"needs_second_approval" boolean DEFAULT false NOT NULL,
	"second_approval_why" jsonb,
	"note" text,
	"decided_by_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "origination_disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"tranche" integer NOT NULL,
	"academic_year" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"payee" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"loan_id" uuid,
	"journal_id" bigint,
	"value_date" date,
	"failure" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "origination_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "origination_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"product_code" text NOT NULL,
	"product_version" integer NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"base_rate" text NOT NULL,
	"rate" text NOT NULL,
	"adjustments" jsonb NOT NULL,
	"tranches" jsonb NOT NULL,
	"preview" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "origination_signatures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"party" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_user_id" uuid,
	"signed_at" timestamp with time zone NOT NULL,
	"ip" text,
	"method" text NOT NULL,
	"document_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "origination_signing_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"party" text NOT NULL,
	"code_hash" text NOT NULL,
	"message_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_agents" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"team" text NOT NULL,
	"available" boolean NOT NULL,
	"languages" jsonb NOT NULL,
	"products" jsonb NOT NULL,
	"complaint_handling" boolean NOT NULL,
	"max_open" integer NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"supervisor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "desk_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"entry_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_canned_replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_improvement_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cause" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"owner_name" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "desk_kb_article_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"edited_by" text,
	"edited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_kb_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "desk_sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"priority" text NOT NULL,
	"first_response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_ticket_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"body" text NOT NULL,
	"channel" text,
	"message_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_ticket_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" serial NOT NULL,
	"reference" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"category" text,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"priority_reasons" jsonb NOT NULL,
	"language" text NOT NULL,
	"loan_id" uuid,
	"application_id" text,
	"hardship_request_id" uuid,
	"source_kind" text,
	"source_id" text,
	"product" text,
	"school_id" uuid,
	"school_name" text,
	"assignee_id" uuid,
	"assignee_name" text,
	"team" text NOT NULL,
	"merged_into_id" uuid,
	"root_causes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"regulatory_due_date" date,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"resolution_summary" text,
	"escalation_level" integer NOT NULL,
	"escalated_at" timestamp with time zone,
	"reopen_count" integer NOT NULL,
	"satisfaction" integer,
	"satisfaction_comment" text,
	"rated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "desk_attachments" ADD CONSTRAINT "desk_attachments_ticket_id_desk_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."desk_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_kb_article_versions" ADD CONSTRAINT "desk_kb_article_versions_article_id_desk_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."desk_kb_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_ticket_entries" ADD CONSTRAINT "desk_ticket_entries_ticket_id_desk_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."desk_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_ticket_status_history" ADD CONSTRAINT "desk_ticket_status_history_ticket_id_desk_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."desk_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "origination_applications_number" ON "origination_applications" USING btree ("application_number");--> statement-breakpoint
CREATE INDEX "origination_applications_customer" ON "origination_applications" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "origination_applications_status" ON "origination_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "origination_applications_school" ON "origination_applications" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "origination_applications_nid" ON "origination_applications" USING btree ("national_id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "origination_contracts_version" ON "origination_contracts" USING btree ("contract_number","version");--> statement-breakpoint
CREATE INDEX "origination_contracts_application" ON "origination_contracts" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "origination_contracts_sealed_sha" ON "origination_contracts" USING btree ("sealed_sha256");--> statement-breakpoint
CREATE INDEX "origination_decisions_application" ON "origination_decisions" USING btree ("application_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "origination_disbursements_key" ON "origination_disbursements" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "origination_disbursements_tranche" ON "origination_disbursements" USING btree ("application_id","tranche") WHERE status in ('pending', 'posted');--> statement-breakpoint
CREATE INDEX "origination_documents_application" ON "origination_documents" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "origination_offers_application" ON "origination_offers" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "origination_signatures_party" ON "origination_signatures" USING btree ("contract_id","party");--> statement-breakpoint
CREATE INDEX "desk_attachments_ticket_idx" ON "desk_attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_canned_replies_code_lang_uq" ON "desk_canned_replies" USING btree ("code","language");--> statement-breakpoint
CREATE INDEX "desk_improvement_actions_cause_idx" ON "desk_improvement_actions" USING btree ("cause");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_kb_article_versions_uq" ON "desk_kb_article_versions" USING btree ("article_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_kb_articles_slug_lang_uq" ON "desk_kb_articles" USING btree ("slug","language");--> statement-breakpoint
CREATE INDEX "desk_kb_articles_status_idx" ON "desk_kb_articles" USING btree ("status","language");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_sla_policies_uq" ON "desk_sla_policies" USING btree ("type","priority");--> statement-breakpoint
CREATE INDEX "desk_ticket_entries_ticket_idx" ON "desk_ticket_entries" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "desk_ticket_status_history_ticket_idx" ON "desk_ticket_status_history" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "desk_tickets_reference_uq" ON "desk_tickets" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "desk_tickets_customer_idx" ON "desk_tickets" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "desk_tickets_status_idx" ON "desk_tickets" USING btree ("status","resolution_due_at");--> statement-breakpoint
CREATE INDEX "desk_tickets_assignee_idx" ON "desk_tickets" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "desk_tickets_type_idx" ON "desk_tickets" USING btree ("type","created_at");