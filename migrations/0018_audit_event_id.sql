ALTER TABLE "audit_events" ADD COLUMN "event_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_event_id_idx" ON "audit_events" USING btree ("event_id");