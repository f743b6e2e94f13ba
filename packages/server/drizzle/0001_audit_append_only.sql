-- The audit trail is append-only: rows may never be deleted, and the only update allowed is the
-- sealing step filling in chain_pos, prev_hash and hash of a row not yet sealed.
CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_events is append-only: % refused', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.hash IS NOT NULL
     OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.id IS DISTINCT FROM OLD.id
     OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.actor_name IS DISTINCT FROM OLD.actor_name OR NEW.actor_role IS DISTINCT FROM OLD.actor_role
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.entity_type IS DISTINCT FROM OLD.entity_type
     OR NEW.entity_id IS DISTINCT FROM OLD.entity_id OR NEW.before IS DISTINCT FROM OLD.before
     OR NEW.after IS DISTINCT FROM OLD.after OR NEW.request_id IS DISTINCT FROM OLD.request_id
     OR NEW.ip IS DISTINCT FROM OLD.ip THEN
    RAISE EXCEPTION 'audit_events is append-only: update refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard();
