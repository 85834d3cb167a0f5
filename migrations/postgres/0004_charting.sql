-- 0004 (PostgreSQL): clinical charting, in lockstep with migrations/0004_charting.sql (see 0001
-- here for the type choices). One visit note per treatment session (SOAP + treatment), its
-- points, pain locations, diagnoses, functional-scale items and acknowledged safety alerts;
-- addenda; protocols (shipped and practitioners' own); practitioners' favourite points.
--
-- A signed note never changes, and the database enforces it: triggers refuse UPDATE and DELETE
-- of a signed note and any change to the rows that belong to it, with SQLite's trigger names
-- and messages. The one update allowed on a signed note is moving it to another patient record
-- when duplicates are merged; every other column must stay the same.

CREATE TABLE visit_notes (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id        bigint NOT NULL REFERENCES patients (id),
    practitioner_id   bigint NOT NULL REFERENCES users (id),
    appointment_id    bigint UNIQUE REFERENCES appointments (id),
    visit_date        text NOT NULL CHECK (acuchart_is_date(visit_date)),
    revision          bigint NOT NULL DEFAULT 1,
    -- Subjective
    chief_complaint   text,
    pain_now          bigint CHECK (pain_now BETWEEN 0 AND 10),
    pain_best         bigint CHECK (pain_best BETWEEN 0 AND 10),
    pain_worst        bigint CHECK (pain_worst BETWEEN 0 AND 10),
    onset             text,
    aggravating       text,
    relieving         text,
    subjective_notes  text,
    -- Objective
    tongue_body       text,
    tongue_coat       text,
    tongue_shape      text,
    pulse_qualities   text,
    pulse_left_cun    text,
    pulse_left_guan   text,
    pulse_left_chi    text,
    pulse_right_cun   text,
    pulse_right_guan  text,
    pulse_right_chi   text,
    palpation         text,
    range_of_motion   text,
    orthopaedic_tests text,
    -- Assessment and plan
    tcm_pattern       text,
    assessment_notes  text,
    plan              text,
    -- Treatment besides the points (free text; present = used)
    moxa              text,
    cupping           text,
    gua_sha           text,
    bleeding          text,
    tui_na            text,
    heat_lamp         text,
    herbs             text,
    needles_inserted  bigint CHECK (needles_inserted BETWEEN 0 AND 500),
    needles_removed   bigint CHECK (needles_removed BETWEEN 0 AND 500),
    face_to_face_minutes bigint CHECK (face_to_face_minutes BETWEEN 0 AND 480),
    adverse_events    text,
    home_advice       text,
    -- Signing
    needle_count_explanation text,
    signed_at         text,
    signed_by         bigint REFERENCES users (id),
    created_at        text NOT NULL,
    updated_at        text NOT NULL,
    CHECK ((signed_at IS NULL) = (signed_by IS NULL))
);
CREATE INDEX visit_notes_patient_date ON visit_notes (patient_id, visit_date DESC, id DESC);
CREATE INDEX visit_notes_practitioner ON visit_notes (practitioner_id, visit_date);

CREATE TABLE visit_points (
    note_id           bigint NOT NULL REFERENCES visit_notes (id),
    position          bigint NOT NULL CHECK (position >= 1),
    point_code        text NOT NULL,
    side              text NOT NULL CHECK (side IN ('left', 'right', 'bilateral', 'midline')),
    technique         text CHECK (technique IS NULL OR technique IN ('tonify', 'reduce', 'even')),
    depth_mm          bigint CHECK (depth_mm IS NULL OR depth_mm BETWEEN 1 AND 150),
    retention_minutes bigint CHECK (retention_minutes IS NULL OR retention_minutes BETWEEN 0 AND 120),
    -- Electro-acupuncture: the point this one is paired with, frequency and duration.
    electro_pair      text,
    electro_hz        double precision CHECK (electro_hz IS NULL OR electro_hz > 0 AND electro_hz <= 200),
    electro_minutes   bigint CHECK (electro_minutes IS NULL OR electro_minutes BETWEEN 1 AND 120),
    note              text,
    PRIMARY KEY (note_id, position)
);
-- "Recently used" per practitioner reads points by note.
CREATE INDEX visit_points_code ON visit_points (point_code);

-- Where it hurts: body-map region codes with side.
CREATE TABLE visit_pain_regions (
    note_id  bigint NOT NULL REFERENCES visit_notes (id),
    region   text NOT NULL,
    side     text NOT NULL CHECK (side IN ('left', 'right', 'midline')),
    PRIMARY KEY (note_id, region, side)
);

CREATE TABLE visit_diagnoses (
    note_id  bigint NOT NULL REFERENCES visit_notes (id),
    position bigint NOT NULL CHECK (position >= 1),
    code     text NOT NULL,
    title    text NOT NULL,
    PRIMARY KEY (note_id, position)
);

-- Patient-Specific Functional Scale: up to three activities the patient names, each 0-10.
CREATE TABLE visit_psfs (
    note_id  bigint NOT NULL REFERENCES visit_notes (id),
    position bigint NOT NULL CHECK (position BETWEEN 1 AND 3),
    activity text NOT NULL CHECK (length(trim(activity)) > 0),
    score    bigint NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (note_id, position)
);

-- A safety alert the practitioner saw and went ahead with, and why.
CREATE TABLE visit_alert_acks (
    note_id         bigint NOT NULL REFERENCES visit_notes (id),
    alert_key       text NOT NULL,
    reason          text NOT NULL CHECK (length(trim(reason)) > 0),
    acknowledged_by bigint NOT NULL REFERENCES users (id),
    acknowledged_at text NOT NULL,
    PRIMARY KEY (note_id, alert_key)
);

CREATE TABLE visit_addenda (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note_id    bigint NOT NULL REFERENCES visit_notes (id),
    author_id  bigint NOT NULL REFERENCES users (id),
    created_at text NOT NULL,
    body       text NOT NULL CHECK (length(trim(body)) > 0)
);
CREATE INDEX visit_addenda_note ON visit_addenda (note_id, id);

-- Signed notes are immutable. SQLite lists every column but patient_id in a row comparison;
-- here the row as jsonb without patient_id says the same and also covers columns added later.
CREATE TRIGGER visit_notes_signed_no_update BEFORE UPDATE ON visit_notes
    FOR EACH ROW
    WHEN (OLD.signed_at IS NOT NULL
          AND (to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id'))
    EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');

CREATE TRIGGER visit_notes_signed_no_delete BEFORE DELETE ON visit_notes
    FOR EACH ROW
    WHEN (OLD.signed_at IS NOT NULL)
    EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be deleted');

-- The rows of a note (points, pain regions, diagnoses, PSFS items, alert acknowledgements)
-- change only while it is a draft. A trigger's WHEN cannot read another table, so the note is
-- read in the function. FOR SHARE waits for a signing that is under way in another
-- transaction and then sees it: without it a point could be added to a note signed meanwhile
-- (SQLite's single writer made that impossible). An UPDATE is checked against the note it
-- leaves and the one it joins (SQLite checks the first only; a row moved onto a signed note is
-- as much a change to it).
CREATE FUNCTION acuchart_note_part_unsigned() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    notes bigint[];
    note record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        notes := ARRAY[NEW.note_id];
    ELSIF TG_OP = 'UPDATE' THEN
        notes := ARRAY[OLD.note_id, NEW.note_id];
    ELSE
        notes := ARRAY[OLD.note_id];
    END IF;
    -- The rows FOR SHARE returns are the ones locked, as they are once a signer that held
    -- them has committed. signed_at is tested here, not in the query's WHERE: the planner
    -- would filter below the lock, on the version this statement's snapshot shows (unsigned),
    -- and skip the row without waiting.
    FOR note IN SELECT signed_at FROM visit_notes WHERE id = ANY (notes) FOR SHARE LOOP
        IF note.signed_at IS NOT NULL THEN
            RAISE EXCEPTION USING
                MESSAGE = 'a signed visit note cannot be changed; add an addendum',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER visit_points_signed_no_insert BEFORE INSERT ON visit_points
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_points_signed_no_update BEFORE UPDATE ON visit_points
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_points_signed_no_delete BEFORE DELETE ON visit_points
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_pain_regions_signed_no_insert BEFORE INSERT ON visit_pain_regions
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_pain_regions_signed_no_update BEFORE UPDATE ON visit_pain_regions
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_pain_regions_signed_no_delete BEFORE DELETE ON visit_pain_regions
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_diagnoses_signed_no_insert BEFORE INSERT ON visit_diagnoses
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_diagnoses_signed_no_update BEFORE UPDATE ON visit_diagnoses
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_diagnoses_signed_no_delete BEFORE DELETE ON visit_diagnoses
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_psfs_signed_no_insert BEFORE INSERT ON visit_psfs
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_psfs_signed_no_update BEFORE UPDATE ON visit_psfs
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_psfs_signed_no_delete BEFORE DELETE ON visit_psfs
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_alert_acks_signed_no_insert BEFORE INSERT ON visit_alert_acks
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_alert_acks_signed_no_update BEFORE UPDATE ON visit_alert_acks
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();
CREATE TRIGGER visit_alert_acks_signed_no_delete BEFORE DELETE ON visit_alert_acks
    FOR EACH ROW EXECUTE FUNCTION acuchart_note_part_unsigned();

-- Addenda: only on signed notes, and never changed or removed.
CREATE FUNCTION acuchart_addendum_on_signed_note() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NULL THEN
        RAISE EXCEPTION USING
            MESSAGE = 'addenda are added to signed notes; edit the draft instead',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER visit_addenda_only_signed BEFORE INSERT ON visit_addenda
    FOR EACH ROW EXECUTE FUNCTION acuchart_addendum_on_signed_note();
CREATE TRIGGER visit_addenda_no_update BEFORE UPDATE ON visit_addenda
    FOR EACH ROW EXECUTE FUNCTION acuchart_refuse('an addendum cannot be changed; add another');
CREATE TRIGGER visit_addenda_no_delete BEFORE DELETE ON visit_addenda
    FOR EACH ROW EXECUTE FUNCTION acuchart_refuse('an addendum cannot be deleted');

-- TRUNCATE skips row triggers: refused outright on the tables that hold signed notes, their
-- rows and addenda (the app never truncates; drafts are deleted row by row).
CREATE TRIGGER visit_notes_no_truncate BEFORE TRUNCATE ON visit_notes
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be deleted');
CREATE TRIGGER visit_points_no_truncate BEFORE TRUNCATE ON visit_points
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');
CREATE TRIGGER visit_pain_regions_no_truncate BEFORE TRUNCATE ON visit_pain_regions
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');
CREATE TRIGGER visit_diagnoses_no_truncate BEFORE TRUNCATE ON visit_diagnoses
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');
CREATE TRIGGER visit_psfs_no_truncate BEFORE TRUNCATE ON visit_psfs
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');
CREATE TRIGGER visit_alert_acks_no_truncate BEFORE TRUNCATE ON visit_alert_acks
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('a signed visit note cannot be changed; add an addendum');
CREATE TRIGGER visit_addenda_no_truncate BEFORE TRUNCATE ON visit_addenda
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('an addendum cannot be deleted');

-- Protocols: named point sets with default settings. owner_id NULL = shipped with the app
-- (identified by `key`, read-only); shared = visible to every practitioner.
CREATE TABLE protocols (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         text UNIQUE,
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    condition   text,
    description text,
    owner_id    bigint REFERENCES users (id),
    shared      bigint NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    archived_at text,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    CHECK (owner_id IS NOT NULL OR key IS NOT NULL)
);

CREATE TABLE protocol_points (
    protocol_id       bigint NOT NULL REFERENCES protocols (id),
    position          bigint NOT NULL CHECK (position >= 1),
    point_code        text NOT NULL,
    -- 'affected' = the side the pain is on, resolved when the protocol is applied.
    side              text NOT NULL CHECK (side IN ('left', 'right', 'bilateral', 'midline', 'affected')),
    technique         text CHECK (technique IS NULL OR technique IN ('tonify', 'reduce', 'even')),
    retention_minutes bigint CHECK (retention_minutes IS NULL OR retention_minutes BETWEEN 0 AND 120),
    note              text,
    PRIMARY KEY (protocol_id, position)
);

CREATE TABLE point_favourites (
    user_id    bigint NOT NULL REFERENCES users (id),
    point_code text NOT NULL,
    PRIMARY KEY (user_id, point_code)
);

-- Starter protocols from reference/acupoints/sciatica.md (points named there for each
-- distribution). A starting point the practitioner adapts, not clinical advice. Their ids are
-- fixed (protocol_points names them), so they are given over the identity, which then
-- continues after them.
INSERT INTO protocols (id, key, name, condition, description, created_at, updated_at) OVERRIDING SYSTEM VALUE VALUES
 (1, 'sciatica-bladder', 'Sciatica — back of the leg (Bladder channel)', 'Sciatica',
  'Pain from the low back down the back of the thigh and calf (foot-taiyang). Lumbar Jiaji and GB30 with Bladder-channel points BL36 to BL60.',
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
 (2, 'sciatica-gallbladder', 'Sciatica — side of the leg (Gallbladder channel)', 'Sciatica',
  'Pain from the buttock down the lateral thigh and leg (foot-shaoyang). Lumbar Jiaji and GB30 with GB31, GB34, GB39, GB40.',
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
 (3, 'sciatica-stomach', 'Sciatica — front of the leg (Stomach channel)', 'Sciatica',
  'Pain from the hip down the front of the thigh and shin (foot-yangming): the ST31–ST36–ST41 chain and lock, with lumbar Jiaji and GB30.',
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
 (4, 'low-back-pain', 'Low back pain', 'Low back pain',
  'Local lumbar points: lumbar Jiaji, BL23, BL24, BL25, BL32, with BL40 as the distal point.',
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
SELECT setval(pg_get_serial_sequence('protocols', 'id'), (SELECT max(id) FROM protocols));

INSERT INTO protocol_points (protocol_id, position, point_code, side, technique, retention_minutes) VALUES
 (1, 1, 'EX-B2', 'bilateral', 'even', 20),
 (1, 2, 'BL25', 'bilateral', 'even', 20),
 (1, 3, 'GB30', 'affected', 'reduce', 20),
 (1, 4, 'BL36', 'affected', 'reduce', 20),
 (1, 5, 'BL37', 'affected', 'reduce', 20),
 (1, 6, 'BL40', 'affected', 'reduce', 20),
 (1, 7, 'BL57', 'affected', 'even', 20),
 (1, 8, 'BL60', 'affected', 'even', 20),
 (2, 1, 'EX-B2', 'bilateral', 'even', 20),
 (2, 2, 'GB30', 'affected', 'reduce', 20),
 (2, 3, 'GB31', 'affected', 'reduce', 20),
 (2, 4, 'GB34', 'affected', 'even', 20),
 (2, 5, 'GB39', 'affected', 'even', 20),
 (2, 6, 'GB40', 'affected', 'even', 20),
 (3, 1, 'EX-B2', 'bilateral', 'even', 20),
 (3, 2, 'GB30', 'affected', 'reduce', 20),
 (3, 3, 'ST31', 'affected', 'reduce', 20),
 (3, 4, 'ST36', 'affected', 'even', 20),
 (3, 5, 'ST41', 'affected', 'even', 20),
 (4, 1, 'EX-B2', 'bilateral', 'even', 20),
 (4, 2, 'BL23', 'bilateral', 'tonify', 20),
 (4, 3, 'BL24', 'bilateral', 'even', 20),
 (4, 4, 'BL25', 'bilateral', 'even', 20),
 (4, 5, 'BL32', 'bilateral', 'even', 20),
 (4, 6, 'BL40', 'bilateral', 'even', 20);
