DROP INDEX "customers_dob_idx";--> statement-breakpoint
CREATE INDEX "customers_dob_name_idx" ON "customers" USING btree ("date_of_birth","search_name");