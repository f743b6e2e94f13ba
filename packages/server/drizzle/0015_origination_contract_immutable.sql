-- A contract's document never changes once created, and its seal is written once: an amendment
-- is a new version. Signatures are never updated or deleted.
CREATE OR REPLACE FUNCTION origination_contract_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW.document IS DISTINCT FROM OLD.document OR NEW.document_sha256 IS DISTINCT FROM OLD.document_sha256
     OR NEW.contract_number IS DISTINCT FROM OLD.contract_number OR NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION 'origination contract % version %: the document is immutable', OLD.contract_number, OLD.version;
  END IF;
  IF OLD.sealed IS NOT NULL AND (NEW.sealed IS DISTINCT FROM OLD.sealed OR NEW.sealed_sha256 IS DISTINCT FROM OLD.sealed_sha256) THEN
    RAISE EXCEPTION 'origination contract % version %: the sealed document is immutable', OLD.contract_number, OLD.version;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER origination_contract_immutable BEFORE UPDATE ON origination_contracts
  FOR EACH ROW EXECUTE FUNCTION origination_contract_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION origination_signature_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'origination signatures are append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER origination_signature_append_only BEFORE UPDATE OR DELETE ON origination_signatures
  FOR EACH ROW EXECUTE FUNCTION origination_signature_append_only();
