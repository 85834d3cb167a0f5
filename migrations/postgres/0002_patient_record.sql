-- 0002 (PostgreSQL): the full patient record, in lockstep with migrations/0002_patient_record.sql
-- (see 0001 here for the type choices). Demographics and front-desk fields live on `patients`;
-- safety flags and clinical history live in their own tables so that a demographics query can
-- never carry clinical columns by accident.

ALTER TABLE patients ADD COLUMN sex text CHECK (sex IS NULL OR sex IN ('female', 'male', 'intersex', 'unknown'));
ALTER TABLE patients ADD COLUMN gender text;
ALTER TABLE patients ADD COLUMN phone_alt text;
ALTER TABLE patients ADD COLUMN email text;
ALTER TABLE patients ADD COLUMN address_line1 text;
ALTER TABLE patients ADD COLUMN address_line2 text;
ALTER TABLE patients ADD COLUMN city text;
ALTER TABLE patients ADD COLUMN region text;
ALTER TABLE patients ADD COLUMN postal_code text;
ALTER TABLE patients ADD COLUMN country text;
ALTER TABLE patients ADD COLUMN emergency_contact_name text;
ALTER TABLE patients ADD COLUMN emergency_contact_relationship text;
ALTER TABLE patients ADD COLUMN emergency_contact_phone text;
ALTER TABLE patients ADD COLUMN physician_name text;
ALTER TABLE patients ADD COLUMN physician_phone text;
ALTER TABLE patients ADD COLUMN occupation text;
ALTER TABLE patients ADD COLUMN referral_source text;
ALTER TABLE patients ADD COLUMN front_desk_notes text;
ALTER TABLE patients ADD COLUMN consent_date text CHECK (consent_date IS NULL OR acuchart_is_date(consent_date));
ALTER TABLE patients ADD COLUMN consent_form_version text;
ALTER TABLE patients ADD COLUMN archived_by bigint REFERENCES users (id);
ALTER TABLE patients ADD COLUMN merged_into bigint REFERENCES patients (id);

CREATE TABLE patient_safety (
    patient_id          bigint PRIMARY KEY REFERENCES patients (id),
    pregnant            bigint NOT NULL DEFAULT 0 CHECK (pregnant IN (0, 1)),
    pregnancy_due_date  text CHECK (pregnancy_due_date IS NULL OR acuchart_is_date(pregnancy_due_date)),
    pregnancy_trimester bigint CHECK (pregnancy_trimester IS NULL OR pregnancy_trimester BETWEEN 1 AND 3),
    pacemaker           bigint NOT NULL DEFAULT 0 CHECK (pacemaker IN (0, 1)),
    anticoagulants      bigint NOT NULL DEFAULT 0 CHECK (anticoagulants IN (0, 1)),
    needle_phobia       bigint NOT NULL DEFAULT 0 CHECK (needle_phobia IN (0, 1)),
    diabetes            bigint NOT NULL DEFAULT 0 CHECK (diabetes IN (0, 1)),
    metal_allergy       bigint NOT NULL DEFAULT 0 CHECK (metal_allergy IN (0, 1)),
    epilepsy            bigint NOT NULL DEFAULT 0 CHECK (epilepsy IN (0, 1)),
    other               text,
    updated_at          text NOT NULL,
    updated_by          bigint NOT NULL REFERENCES users (id)
);

CREATE TABLE patient_medical (
    patient_id      bigint PRIMARY KEY REFERENCES patients (id),
    medical_history text,
    medications     text,
    allergies       text,
    surgeries       text,
    clinical_notes  text,
    updated_at      text NOT NULL,
    updated_by      bigint NOT NULL REFERENCES users (id)
);

-- Email joins the search table as its own column. SQLite rebuilds its FTS table for that;
-- here the column is added and the rows rewritten from `patients` with the same tokens.
ALTER TABLE patient_search ADD COLUMN contact text;
DELETE FROM patient_search;
INSERT INTO patient_search (patient_id, names, numbers, contact)
SELECT id,
       given_name || ' ' || family_name || ' ' || coalesce(preferred_name, ''),
       chart_number || ' ' || coalesce(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '')
           || coalesce(' ' || replace(date_of_birth, '-', '')
                       || ' ' || substr(date_of_birth, 9, 2) || substr(date_of_birth, 6, 2) || substr(date_of_birth, 1, 4)
                       || ' ' || substr(date_of_birth, 6, 2) || substr(date_of_birth, 9, 2) || substr(date_of_birth, 1, 4), ''),
       ''
FROM patients;

-- What FTS5 indexes, as one text search document: names and contact folded for case and
-- accents (weight A), the digit runs of phone, birth date and chart number (weight B). Prefix
-- queries `'jose':*A` and `'555':*B` then find what SQLite's `{names contact} : "jose"*` and
-- `numbers : "555"*` find. Punctuation becomes a space first, so that words split where
-- unicode61 splits them (`jose.nunez@example.com` is four words there; PostgreSQL's parser
-- would keep it as one e-mail token). The 'simple' configuration keeps every word (no
-- stemming, no stop words), as unicode61 does; a run of CJK characters is one word in both.
-- FTS5's `prefix = '1 2 3'` has no counterpart: a GIN index answers prefixes itself.
CREATE FUNCTION acuchart_patient_search_document(names text, numbers text, contact text)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('simple'::regconfig, regexp_replace(
                     acuchart_fold(coalesce(names, '') || ' ' || coalesce(contact, '')),
                     '[[:punct:][:space:]]+', ' ', 'g')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(numbers, '')), 'B');
CREATE INDEX patient_search_document ON patient_search
    USING gin (acuchart_patient_search_document(names, numbers, contact));

CREATE INDEX patients_merged_into ON patients (merged_into) WHERE merged_into IS NOT NULL;

-- The patients page opens on the most recently changed patients.
CREATE INDEX patients_updated_at ON patients (updated_at);
