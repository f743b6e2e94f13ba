CREATE TABLE "analytics_book_summary" (
	"as_of" date NOT NULL,
	"currency" text NOT NULL,
	"school_id" uuid,
	"product_code" text NOT NULL,
	"segment" text NOT NULL,
	"state" text NOT NULL,
	"bucket" text NOT NULL,
	"loans" integer NOT NULL,
	"principal" bigint NOT NULL,
	"par30_loans" integer NOT NULL,
	"par30_principal" bigint NOT NULL,
	"rate_weighted" numeric(30, 6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_cohort_summary" (
	"fiscal_year" integer NOT NULL,
	"currency" text NOT NULL,
	"school_id" uuid,
	"product_code" text NOT NULL,
	"segment" text NOT NULL,
	"entered" integer NOT NULL,
	"defaulted" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_origination_summary" (
	"month" date NOT NULL,
	"currency" text NOT NULL,
	"school_id" uuid,
	"product_code" text NOT NULL,
	"segment" text NOT NULL,
	"loans" integer NOT NULL,
	"commitment" bigint NOT NULL,
	"disbursed" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_refreshes" (
	"id" integer PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_report_deliveries" (
	"schedule_id" uuid NOT NULL,
	"period" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "analytics_report_deliveries_schedule_id_period_pk" PRIMARY KEY("schedule_id","period")
);
--> statement-breakpoint
CREATE TABLE "analytics_report_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"formats" jsonb NOT NULL,
	"frequency" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"language" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_school_enrolments" (
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"enrolled" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_school_enrolments_school_id_academic_year_pk" PRIMARY KEY("school_id","academic_year"),
	CONSTRAINT "analytics_school_enrolments_enrolled_ck" CHECK ("analytics_school_enrolments"."enrolled" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_report_deliveries" ADD CONSTRAINT "analytics_report_deliveries_schedule_id_analytics_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."analytics_report_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_book_summary_as_of_idx" ON "analytics_book_summary" USING btree ("as_of","currency");--> statement-breakpoint
CREATE INDEX "analytics_cohort_summary_year_idx" ON "analytics_cohort_summary" USING btree ("fiscal_year","currency");--> statement-breakpoint
CREATE INDEX "analytics_origination_summary_month_idx" ON "analytics_origination_summary" USING btree ("month","currency");