CREATE TABLE "risk_alert_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"severity" text NOT NULL,
	"due_business_days" integer NOT NULL,
	"playbook" jsonb NOT NULL,
	"owner_id" uuid,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "risk_alert_runs" (
	"business_date" date PRIMARY KEY NOT NULL,
	"loans" integer NOT NULL,
	"raised" integer NOT NULL,
	"run_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_alert_tasks" (
	"alert_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"step" text NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_alert_tasks_alert_id_task_id_pk" PRIMARY KEY("alert_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "risk_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"kind" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"loan_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"owner_id" uuid,
	"status" text NOT NULL,
	"detail" text NOT NULL,
	"raised_on" date NOT NULL,
	"due_date" date NOT NULL,
	"last_seen_on" date NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_behaviour_grades" (
	"month" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"pd" double precision NOT NULL,
	"grade" text NOT NULL,
	"features" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "risk_behaviour_grades_month_loan_id_pk" PRIMARY KEY("month","loan_id")
);
--> statement-breakpoint
CREATE TABLE "risk_behaviour_reviews" (
	"month" text PRIMARY KEY NOT NULL,
	"review_date" date NOT NULL,
	"loans" integer NOT NULL,
	"scorecard" jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"run_by" text
);
--> statement-breakpoint
CREATE TABLE "risk_employment_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"employer" text,
	"reported_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text
);
--> statement-breakpoint
CREATE TABLE "risk_macro_series" (
	"series" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"period" date NOT NULL,
	"value" double precision NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_macro_series_series_scope_key_period_pk" PRIMARY KEY("series","scope","key","period")
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "risk_alert_tasks" ADD CONSTRAINT "risk_alert_tasks_alert_id_risk_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."risk_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_alerts_open_uq" ON "risk_alerts" USING btree ("loan_id","rule_code") WHERE "risk_alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "risk_alerts_queue_idx" ON "risk_alerts" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "risk_alerts_loan_idx" ON "risk_alerts" USING btree ("loan_id","raised_on");--> statement-breakpoint
CREATE INDEX "risk_behaviour_grades_loan_idx" ON "risk_behaviour_grades" USING btree ("loan_id","month");--> statement-breakpoint
CREATE INDEX "risk_employment_reports_customer_idx" ON "risk_employment_reports" USING btree ("customer_id","reported_on");