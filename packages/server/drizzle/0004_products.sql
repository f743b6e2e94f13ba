CREATE TABLE "product_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"definition" jsonb NOT NULL,
	"based_on" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "product_versions_code_version_uq" ON "product_versions" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "product_versions_status_idx" ON "product_versions" USING btree ("status");