CREATE TABLE "risk_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"occurred_on" date NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"loss_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"risk_id" uuid,
	"actions" text,
	"status" text NOT NULL,
	"reported_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_month_end_snapshots" (
	"month_end" date NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_code" text NOT NULL,
	"currency" text NOT NULL,
	"state" text NOT NULL,
	"bucket" text NOT NULL,
	"days_past_due" integer NOT NULL,
	"principal" bigint NOT NULL,
	"disbursed_on" date NOT NULL,
	"disbursed_amount" bigint NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "risk_month_end_snapshots_month_end_loan_id_pk" PRIMARY KEY("month_end","loan_id")
);
--> statement-breakpoint
CREATE TABLE "risk_portfolio_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_register_controls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"risk_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"effectiveness" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_register_kris" (
	"id" uuid PRIMARY KEY NOT NULL,
	"risk_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"direction" text NOT NULL,
	"amber" double precision NOT NULL,
	"red" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_register_risks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"owner_name" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"status" text NOT NULL,
	"review_every_days" integer NOT NULL,
	"next_review_on" date NOT NULL,
	"last_reviewed_on" date,
	"last_review_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_register_risks_rating_ck" CHECK ("risk_register_risks"."likelihood" between 1 and 5 and "risk_register_risks"."impact" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "risk_incidents" ADD CONSTRAINT "risk_incidents_risk_id_risk_register_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risk_register_risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_register_controls" ADD CONSTRAINT "risk_register_controls_risk_id_risk_register_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risk_register_risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_register_kris" ADD CONSTRAINT "risk_register_kris_risk_id_risk_register_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risk_register_risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_incidents_occurred_idx" ON "risk_incidents" USING btree ("occurred_on");--> statement-breakpoint
CREATE INDEX "risk_incidents_risk_idx" ON "risk_incidents" USING btree ("risk_id");--> statement-breakpoint
CREATE INDEX "risk_month_end_snapshots_loan_idx" ON "risk_month_end_snapshots" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "risk_register_controls_risk_idx" ON "risk_register_controls" USING btree ("risk_id");--> statement-breakpoint
CREATE INDEX "risk_register_kris_risk_idx" ON "risk_register_kris" USING btree ("risk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_register_risks_code_uq" ON "risk_register_risks" USING btree ("code");