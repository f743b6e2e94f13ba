CREATE TABLE "engagement_assignment_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"match" jsonb NOT NULL,
	"assign_to" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"cursor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"position" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_interactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"channel" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"subject" text,
	"notes" text,
	"outcome" text,
	"next_step" text,
	"next_step_due" date,
	"task_id" uuid,
	"message_id" uuid,
	"loan_id" uuid,
	"location" text,
	"logged_by" text,
	"logged_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_journey_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"journey_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"trigger_key" text NOT NULL,
	"trigger_type" text NOT NULL,
	"loan_id" uuid,
	"context" jsonb NOT NULL,
	"group" text NOT NULL,
	"state" text NOT NULL,
	"step_index" integer DEFAULT 0 NOT NULL,
	"waiting_on" text,
	"wake_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"due_date" date,
	"last_error" text,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "engagement_journeys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" text,
	"definition" jsonb NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"holdout_percent" integer DEFAULT 0 NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "engagement_journeys_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "engagement_message_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"segment_id" uuid NOT NULL,
	"template_code" text NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"expected" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"queued" integer DEFAULT 0 NOT NULL,
	"suppressed" integer DEFAULT 0 NOT NULL,
	"cursor_customer_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "engagement_message_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "engagement_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"language" text NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"purpose" text NOT NULL,
	"name" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"short_body" text,
	"variables" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "engagement_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"legally_required" boolean DEFAULT false NOT NULL,
	"template_code" text,
	"template_version" integer,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"recipient_enc" text,
	"status" text NOT NULL,
	"reason" text,
	"dedupe_key" text,
	"source_kind" text NOT NULL,
	"source_id" text,
	"journey_id" uuid,
	"journey_run_id" uuid,
	"batch_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claim_until" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_preferences" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text,
	"quiet_start_minute" integer,
	"quiet_end_minute" integer,
	"opt_outs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"preferred_channel" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "engagement_task_escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"from_assignee" uuid,
	"to_assignee" uuid,
	"escalated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "engagement_interactions_customer_idx" ON "engagement_interactions" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "engagement_interactions_kind_idx" ON "engagement_interactions" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_journey_runs_key_uq" ON "engagement_journey_runs" USING btree ("journey_id","trigger_key");--> statement-breakpoint
CREATE INDEX "engagement_journey_runs_due_idx" ON "engagement_journey_runs" USING btree ("wake_at") WHERE "engagement_journey_runs"."state" = 'active';--> statement-breakpoint
CREATE INDEX "engagement_journey_runs_loan_idx" ON "engagement_journey_runs" USING btree ("loan_id","due_date");--> statement-breakpoint
CREATE INDEX "engagement_journey_runs_customer_idx" ON "engagement_journey_runs" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "engagement_message_events_message_idx" ON "engagement_message_events" USING btree ("message_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_templates_code_lang_version_uq" ON "engagement_templates" USING btree ("code","language","version");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_templates_active_uq" ON "engagement_templates" USING btree ("code","language") WHERE "engagement_templates"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_messages_dedupe_uq" ON "engagement_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "engagement_messages_due_idx" ON "engagement_messages" USING btree ("next_attempt_at") WHERE "engagement_messages"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "engagement_messages_customer_idx" ON "engagement_messages" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "engagement_messages_template_idx" ON "engagement_messages" USING btree ("template_code","created_at");--> statement-breakpoint
CREATE INDEX "engagement_messages_journey_idx" ON "engagement_messages" USING btree ("journey_id");--> statement-breakpoint
CREATE INDEX "engagement_messages_provider_idx" ON "engagement_messages" USING btree ("provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_task_escalations_task_level_uq" ON "engagement_task_escalations" USING btree ("task_id","level");