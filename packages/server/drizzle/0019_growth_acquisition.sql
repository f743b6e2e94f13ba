CREATE TABLE "growth_campus_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"school_id" uuid NOT NULL,
	"event_date" date NOT NULL,
	"venue" text NOT NULL,
	"staff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_minor" bigint NOT NULL,
	"actual_cost_minor" bigint,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"tracking_code" text,
	"notes" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_event_attendance" (
	"event_id" uuid NOT NULL,
	"prospect_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_prospect_activity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"prospect_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_prospects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"legal_name" text NOT NULL,
	"search_name" text NOT NULL,
	"email" text,
	"phone_enc" text,
	"phone_hash" text,
	"national_id_type" text,
	"national_id_enc" text,
	"national_id_hash" text,
	"school_id" uuid,
	"education_level" text,
	"financial_need" boolean DEFAULT false NOT NULL,
	"requested_amount" bigint,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"preferred_language" text DEFAULT 'zh-CN' NOT NULL,
	"source" text NOT NULL,
	"tracking_code" text,
	"external_ref" text,
	"event_id" uuid,
	"referral_id" uuid,
	"consent_contact" boolean DEFAULT false NOT NULL,
	"stage" text NOT NULL,
	"lost_reason" text,
	"stage_changed_at" timestamp with time zone NOT NULL,
	"contacted_at" timestamp with time zone,
	"qualified_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"funded_at" timestamp with time zone,
	"lost_at" timestamp with time zone,
	"assigned_to" uuid,
	"assigned_name" text,
	"customer_id" uuid,
	"application_id" uuid,
	"duplicate_of" uuid,
	"score" integer DEFAULT 0 NOT NULL,
	"score_factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_referral_codes" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_referral_rewards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"referrer_customer_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"cap_year" integer,
	"void_reason" text,
	"payment_ref" text,
	"earned_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referrer_customer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"prospect_id" uuid NOT NULL,
	"status" text NOT NULL,
	"void_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "growth_event_attendance" ADD CONSTRAINT "growth_event_attendance_event_id_growth_campus_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."growth_campus_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_event_attendance" ADD CONSTRAINT "growth_event_attendance_prospect_id_growth_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."growth_prospects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_prospect_activity" ADD CONSTRAINT "growth_prospect_activity_prospect_id_growth_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."growth_prospects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_referral_rewards" ADD CONSTRAINT "growth_referral_rewards_referral_id_growth_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."growth_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_referrals" ADD CONSTRAINT "growth_referrals_prospect_id_growth_prospects_id_fk" FOREIGN KEY ("prospect_id") REFERENCES "public"."growth_prospects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "growth_campus_events_school_idx" ON "growth_campus_events" USING btree ("school_id","event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_event_attendance_uq" ON "growth_event_attendance" USING btree ("event_id","prospect_id");--> statement-breakpoint
CREATE INDEX "growth_prospect_activity_prospect_idx" ON "growth_prospect_activity" USING btree ("prospect_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_prospects_reference_uq" ON "growth_prospects" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_prospects_external_ref_uq" ON "growth_prospects" USING btree ("source","external_ref");--> statement-breakpoint
CREATE INDEX "growth_prospects_stage_idx" ON "growth_prospects" USING btree ("stage","score");--> statement-breakpoint
CREATE INDEX "growth_prospects_phone_idx" ON "growth_prospects" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "growth_prospects_nid_idx" ON "growth_prospects" USING btree ("national_id_hash");--> statement-breakpoint
CREATE INDEX "growth_prospects_email_idx" ON "growth_prospects" USING btree ("email");--> statement-breakpoint
CREATE INDEX "growth_prospects_customer_idx" ON "growth_prospects" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "growth_prospects_event_idx" ON "growth_prospects" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "growth_prospects_created_idx" ON "growth_prospects" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_referral_codes_code_uq" ON "growth_referral_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_referral_rewards_referral_uq" ON "growth_referral_rewards" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "growth_referral_rewards_referrer_idx" ON "growth_referral_rewards" USING btree ("referrer_customer_id","cap_year");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_referrals_prospect_uq" ON "growth_referrals" USING btree ("prospect_id");--> statement-breakpoint
CREATE INDEX "growth_referrals_referrer_idx" ON "growth_referrals" USING btree ("referrer_customer_id");--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "growth_prospect_reference_seq";
