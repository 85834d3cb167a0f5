-- 0006 (PostgreSQL): data in and out, in lockstep with migrations/0006_import.sql. A patient's
-- identifier in the system a clinic moved from, so that an appointments file exported from
-- that system finds the patients imported before it. One patient may carry several (two source
-- records merged into one chart); an identifier names one patient only. The rows move with the
-- patient when duplicates are merged.

CREATE TABLE patient_external_ids (
    external_id text PRIMARY KEY CHECK (length(trim(external_id)) > 0),
    patient_id  bigint NOT NULL REFERENCES patients (id),
    imported_at text NOT NULL
);

CREATE INDEX patient_external_ids_patient ON patient_external_ids (patient_id);
