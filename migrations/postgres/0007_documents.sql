-- 0007 (PostgreSQL): printable documents, in lockstep with migrations/0007_documents.sql (see
-- 0001 here for the type choices). The clinic's letterhead and billing identifiers, its paper
-- size, and a record of every document generated: what, for whom, by whom, when, from what
-- (the request as JSON) and the PDF itself (bytea, SQLite's BLOB), so that the patient's
-- Documents tab can open it again. Documents are never changed or deleted once made.

ALTER TABLE clinic_settings ADD COLUMN address text;
ALTER TABLE clinic_settings ADD COLUMN phone text;
ALTER TABLE clinic_settings ADD COLUMN email text;
-- Billing identifiers for superbills (optional): tax id (EIN or local equivalent), group NPI.
ALTER TABLE clinic_settings ADD COLUMN tax_id text;
ALTER TABLE clinic_settings ADD COLUMN npi text;
ALTER TABLE clinic_settings ADD COLUMN paper_size text NOT NULL DEFAULT 'a4'
    CHECK (paper_size IN ('a4', 'letter'));
ALTER TABLE clinic_settings ADD COLUMN currency_symbol text NOT NULL DEFAULT '$';

CREATE TABLE documents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('summary', 'visit_note', 'superbill', 'day_sheet')),
    -- The patient it concerns; none for a day sheet.
    patient_id  bigint REFERENCES patients (id),
    title       text NOT NULL CHECK (length(trim(title)) > 0),
    request     text NOT NULL,
    pages       bigint NOT NULL CHECK (pages >= 1),
    pdf         bytea NOT NULL,
    created_at  text NOT NULL,
    created_by  bigint NOT NULL REFERENCES users (id),
    CHECK ((kind = 'day_sheet') = (patient_id IS NULL))
);
CREATE INDEX documents_patient ON documents (patient_id, id DESC) WHERE patient_id IS NOT NULL;

-- A generated document is a record of what was handed out: it never changes (moving it to the
-- surviving record when duplicate patients are merged is the one update allowed). SQLite lists
-- every other column; the row as jsonb without patient_id says the same.
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
    FOR EACH ROW
    WHEN ((to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id'))
    EXECUTE FUNCTION acuchart_refuse('a generated document cannot be changed');

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION acuchart_refuse('a generated document cannot be deleted');
-- TRUNCATE skips row triggers, so it is refused on its own.
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a generated document cannot be deleted');
