CREATE TABLE "survey_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"baseline_wave_id" uuid NOT NULL,
	"dimension" text,
	"finding" text NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"done_at" timestamp with time zone,
	"verification_wave_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"ticket_id" uuid,
	"ticket_reference" text,
	"status" text NOT NULL,
	"outcome" text,
	"result" text,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"wave_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"language" text NOT NULL,
	"source" jsonb,
	"sent_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_reminder_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_report_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"wave_id" uuid NOT NULL,
	"recipients" jsonb NOT NULL,
	"every_days" integer NOT NULL,
	"language" text NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_sent_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invitation_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"mode" text NOT NULL,
	"entered_by" text,
	"language" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_waves" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"survey_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"segment_id" uuid,
	"trigger_event" text,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"sample_rate" double precision DEFAULT 1 NOT NULL,
	"quota_field" text,
	"quota_per_group" integer,
	"reminder_after_days" integer DEFAULT 3 NOT NULL,
	"max_reminders" integer DEFAULT 2 NOT NULL,
	"closes_on" date,
	"verifies_action_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_baseline_wave_id_survey_waves_id_fk" FOREIGN KEY ("baseline_wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_follow_ups" ADD CONSTRAINT "survey_follow_ups_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_report_schedules" ADD CONSTRAINT "survey_report_schedules_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_invitation_id_survey_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."survey_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_versions" ADD CONSTRAINT "survey_versions_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_version_id_survey_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."survey_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_actions_survey_idx" ON "survey_actions" USING btree ("survey_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_follow_ups_response_uq" ON "survey_follow_ups" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "survey_follow_ups_status_idx" ON "survey_follow_ups" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_wave_customer_uq" ON "survey_invitations" USING btree ("wave_id","customer_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_status_idx" ON "survey_invitations" USING btree ("wave_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_invitation_uq" ON "survey_responses" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "survey_responses_wave_idx" ON "survey_responses" USING btree ("wave_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_surveys_code_uq" ON "survey_surveys" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_versions_survey_version_uq" ON "survey_versions" USING btree ("survey_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_waves_code_uq" ON "survey_waves" USING btree ("code");--> statement-breakpoint
CREATE INDEX "survey_waves_trigger_idx" ON "survey_waves" USING btree ("trigger_event","status");