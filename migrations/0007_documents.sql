-- 0007: printable documents. The clinic's letterhead and billing identifiers, its paper size,
-- and a record of every document generated: what, for whom, by whom, when, from what (the
-- request as JSON) and the PDF itself, so that the patient's Documents tab can open it again.
-- Documents are never changed or deleted once made.

ALTER TABLE clinic_settings ADD COLUMN address TEXT;
ALTER TABLE clinic_settings ADD COLUMN phone TEXT;
ALTER TABLE clinic_settings ADD COLUMN email TEXT;
-- Billing identifiers for superbills (optional): tax id (EIN or local equivalent), group NPI.
ALTER TABLE clinic_settings ADD COLUMN tax_id TEXT;
ALTER TABLE clinic_settings ADD COLUMN npi TEXT;
ALTER TABLE clinic_settings ADD COLUMN paper_size TEXT NOT NULL DEFAULT 'a4'
    CHECK (paper_size IN ('a4', 'letter'));
ALTER TABLE clinic_settings ADD COLUMN currency_symbol TEXT NOT NULL DEFAULT '$';

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('summary', 'visit_note', 'superbill', 'day_sheet')),
    -- The patient it concerns; none for a day sheet.
    patient_id  INTEGER REFERENCES patients (id),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    request     TEXT NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages >= 1),
    pdf         BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    CHECK ((kind = 'day_sheet') = (patient_id IS NULL))
) STRICT;
CREATE INDEX documents_patient ON documents (patient_id, id DESC) WHERE patient_id IS NOT NULL;

-- A generated document is a record of what was handed out: it never changes (moving it to the
-- surviving record when duplicate patients are merged is the one update allowed).
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
WHEN (NEW.id, NEW.kind, NEW.title, NEW.request, NEW.pages, NEW.pdf, NEW.created_at, NEW.created_by)
    IS NOT (OLD.id, OLD.kind, OLD.title, OLD.request, OLD.pages, OLD.pdf, OLD.created_at, OLD.created_by)
BEGIN
    SELECT RAISE(ABORT, 'a generated document cannot be changed');
END;

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'a generated document cannot be deleted');
END;
