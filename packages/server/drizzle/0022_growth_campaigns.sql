CREATE TABLE "growth_campaign_assignments" (
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"arm" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "growth_campaign_assignments_campaign_id_customer_id_pk" PRIMARY KEY("campaign_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "growth_campaign_costs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"cost_line" text NOT NULL,
	"description" text,
	"amount" bigint NOT NULL,
	"incurred_on" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_campaign_touches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"tracking_code" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid,
	"application_id" uuid,
	"visitor_id" text,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_campaign_tracking_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"variant_key" text,
	"channel" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_campaign_variants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"weight" integer NOT NULL,
	"templates" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "growth_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"objective" text,
	"segment_id" uuid,
	"status" text NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"send_at" timestamp with time zone,
	"currency" text NOT NULL,
	"budget" bigint DEFAULT 0 NOT NULL,
	"margin_bps" integer DEFAULT 300 NOT NULL,
	"lookback_days" integer DEFAULT 90 NOT NULL,
	"holdout_percent" integer DEFAULT 0 NOT NULL,
	"seed" text NOT NULL,
	"cursor_customer_id" uuid,
	"processed" integer DEFAULT 0 NOT NULL,
	"queued" integer DEFAULT 0 NOT NULL,
	"suppressed" integer DEFAULT 0 NOT NULL,
	"held_out" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"launched_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "growth_next_best_offers" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"code" text,
	"eligible" text[] DEFAULT '{}'::text[] NOT NULL,
	"facts" jsonb NOT NULL,
	"business_date" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "growth_campaign_assignments" ADD CONSTRAINT "growth_campaign_assignments_campaign_id_growth_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."growth_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_campaign_costs" ADD CONSTRAINT "growth_campaign_costs_campaign_id_growth_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."growth_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_campaign_touches" ADD CONSTRAINT "growth_campaign_touches_campaign_id_growth_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."growth_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_campaign_tracking_codes" ADD CONSTRAINT "growth_campaign_tracking_codes_campaign_id_growth_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."growth_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_campaign_variants" ADD CONSTRAINT "growth_campaign_variants_campaign_id_growth_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."growth_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "growth_campaign_assignments_arm_idx" ON "growth_campaign_assignments" USING btree ("campaign_id","arm");--> statement-breakpoint
CREATE INDEX "growth_campaign_costs_campaign_idx" ON "growth_campaign_costs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "growth_campaign_touches_campaign_idx" ON "growth_campaign_touches" USING btree ("campaign_id","occurred_at");--> statement-breakpoint
CREATE INDEX "growth_campaign_touches_customer_idx" ON "growth_campaign_touches" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_campaign_touches_application_uq" ON "growth_campaign_touches" USING btree ("application_id") WHERE "growth_campaign_touches"."kind" = 'application';--> statement-breakpoint
CREATE INDEX "growth_campaign_tracking_codes_campaign_idx" ON "growth_campaign_tracking_codes" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_campaign_tracking_codes_arm_uq" ON "growth_campaign_tracking_codes" USING btree ("campaign_id",coalesce("variant_key", ''),coalesce("channel", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "growth_campaign_variants_key_uq" ON "growth_campaign_variants" USING btree ("campaign_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "growth_campaigns_code_uq" ON "growth_campaigns" USING btree ("code");--> statement-breakpoint
CREATE INDEX "growth_campaigns_status_idx" ON "growth_campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "growth_next_best_offers_code_idx" ON "growth_next_best_offers" USING btree ("code");