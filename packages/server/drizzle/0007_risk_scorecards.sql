CREATE TABLE "risk_application_scores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_ref" text NOT NULL,
	"model_id" uuid NOT NULL,
	"model_name" text NOT NULL,
	"model_version" integer NOT NULL,
	"role" text NOT NULL,
	"score" double precision NOT NULL,
	"pd" double precision NOT NULL,
	"grade" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"protected_attributes" jsonb,
	"decision" text,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_scorecard_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"role" text,
	"source" text NOT NULL,
	"description" text,
	"definition" jsonb NOT NULL,
	"metrics" jsonb,
	"training" jsonb,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"validated_by" uuid,
	"validated_by_name" text,
	"validated_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "risk_application_scores" ADD CONSTRAINT "risk_application_scores_model_id_risk_scorecard_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."risk_scorecard_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_application_scores_model_idx" ON "risk_application_scores" USING btree ("model_name","scored_at");--> statement-breakpoint
CREATE INDEX "risk_application_scores_ref_idx" ON "risk_application_scores" USING btree ("application_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_scorecard_models_name_version_uq" ON "risk_scorecard_models" USING btree ("name","version");--> statement-breakpoint
CREATE INDEX "risk_scorecard_models_status_idx" ON "risk_scorecard_models" USING btree ("status");