-- 0002: the full patient record. Demographics and front-desk fields live on `patients`
-- (every role reads them); safety flags and clinical history live in their own tables so
-- that a demographics query can never carry clinical columns by accident.

ALTER TABLE patients ADD COLUMN sex TEXT CHECK (sex IS NULL OR sex IN ('female', 'male', 'intersex', 'unknown'));
ALTER TABLE patients ADD COLUMN gender TEXT;
ALTER TABLE patients ADD COLUMN phone_alt TEXT;
ALTER TABLE patients ADD COLUMN email TEXT;
ALTER TABLE patients ADD COLUMN address_line1 TEXT;
ALTER TABLE patients ADD COLUMN address_line2 TEXT;
ALTER TABLE patients ADD COLUMN city TEXT;
ALTER TABLE patients ADD COLUMN region TEXT;
ALTER TABLE patients ADD COLUMN postal_code TEXT;
ALTER TABLE patients ADD COLUMN country TEXT;
ALTER TABLE patients ADD COLUMN emergency_contact_name TEXT;
ALTER TABLE patients ADD COLUMN emergency_contact_relationship TEXT;
ALTER TABLE patients ADD COLUMN emergency_contact_phone TEXT;
ALTER TABLE patients ADD COLUMN physician_name TEXT;
ALTER TABLE patients ADD COLUMN physician_phone TEXT;
ALTER TABLE patients ADD COLUMN occupation TEXT;
ALTER TABLE patients ADD COLUMN referral_source TEXT;
ALTER TABLE patients ADD COLUMN front_desk_notes TEXT;
ALTER TABLE patients ADD COLUMN consent_date TEXT CHECK (consent_date IS NULL OR date(consent_date) = consent_date);
ALTER TABLE patients ADD COLUMN consent_form_version TEXT;
ALTER TABLE patients ADD COLUMN archived_by INTEGER REFERENCES users (id);
ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients (id);

CREATE TABLE patient_safety (
    patient_id         INTEGER PRIMARY KEY REFERENCES patients (id),
    pregnant           INTEGER NOT NULL DEFAULT 0 CHECK (pregnant IN (0, 1)),
    pregnancy_due_date TEXT CHECK (pregnancy_due_date IS NULL OR date(pregnancy_due_date) = pregnancy_due_date),
    pregnancy_trimester INTEGER CHECK (pregnancy_trimester IS NULL OR pregnancy_trimester BETWEEN 1 AND 3),
    pacemaker          INTEGER NOT NULL DEFAULT 0 CHECK (pacemaker IN (0, 1)),
    anticoagulants     INTEGER NOT NULL DEFAULT 0 CHECK (anticoagulants IN (0, 1)),
    needle_phobia      INTEGER NOT NULL DEFAULT 0 CHECK (needle_phobia IN (0, 1)),
    diabetes           INTEGER NOT NULL DEFAULT 0 CHECK (diabetes IN (0, 1)),
    metal_allergy      INTEGER NOT NULL DEFAULT 0 CHECK (metal_allergy IN (0, 1)),
    epilepsy           INTEGER NOT NULL DEFAULT 0 CHECK (epilepsy IN (0, 1)),
    other              TEXT,
    updated_at         TEXT NOT NULL,
    updated_by         INTEGER NOT NULL REFERENCES users (id)
) STRICT;

CREATE TABLE patient_medical (
    patient_id      INTEGER PRIMARY KEY REFERENCES patients (id),
    medical_history TEXT,
    medications     TEXT,
    allergies       TEXT,
    surgeries       TEXT,
    clinical_notes  TEXT,
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER NOT NULL REFERENCES users (id)
) STRICT;

-- Email joins the search index as its own column.
DROP TABLE patient_search;
-- prefix = '1 2 3': the first keystrokes of type-ahead read one precomputed list instead of
-- merging the lists of every word that starts with those letters.
CREATE VIRTUAL TABLE patient_search USING fts5 (
    names,
    numbers,
    contact,
    prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rebuilt from the rows of 0001 (the same tokens that the core writes for new rows).
INSERT INTO patient_search (rowid, names, numbers, contact)
SELECT id,
       given_name || ' ' || family_name || ' ' || coalesce(preferred_name, ''),
       chart_number || ' ' || coalesce(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''), '')
           || coalesce(' ' || replace(date_of_birth, '-', '')
                       || ' ' || substr(date_of_birth, 9, 2) || substr(date_of_birth, 6, 2) || substr(date_of_birth, 1, 4)
                       || ' ' || substr(date_of_birth, 6, 2) || substr(date_of_birth, 9, 2) || substr(date_of_birth, 1, 4), ''),
       ''
FROM patients;

CREATE INDEX patients_merged_into ON patients (merged_into) WHERE merged_into IS NOT NULL;

-- The patients page opens on the most recently changed patients.
CREATE INDEX patients_updated_at ON patients (updated_at);
