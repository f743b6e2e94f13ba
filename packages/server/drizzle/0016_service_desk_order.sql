ALTER TABLE "desk_ticket_entries" ADD COLUMN "seq" serial NOT NULL;--> statement-breakpoint
ALTER TABLE "desk_ticket_status_history" ADD COLUMN "seq" serial NOT NULL;