-- 0004: clinical charting. One visit note per treatment session (SOAP + treatment), its points,
-- pain locations, diagnoses, functional-scale items and acknowledged safety alerts; addenda;
-- protocols (shipped and practitioners' own); practitioners' favourite points.
--
-- A signed note never changes, and the database enforces it: triggers refuse UPDATE and DELETE
-- of a signed note and any change to the rows that belong to it. The one update allowed on a
-- signed note is moving it to another patient record when duplicates are merged; every other
-- column must stay the same.

CREATE TABLE visit_notes (
    id                INTEGER PRIMARY KEY,
    patient_id        INTEGER NOT NULL REFERENCES patients (id),
    practitioner_id   INTEGER NOT NULL REFERENCES users (id),
    appointment_id    INTEGER UNIQUE REFERENCES appointments (id),
    visit_date        TEXT NOT NULL CHECK (date(visit_date) = visit_date),
    revision          INTEGER NOT NULL DEFAULT 1,
    -- Subjective
    chief_complaint   TEXT,
    pain_now          INTEGER CHECK (pain_now BETWEEN 0 AND 10),
    pain_best         INTEGER CHECK (pain_best BETWEEN 0 AND 10),
    pain_worst        INTEGER CHECK (pain_worst BETWEEN 0 AND 10),
    onset             TEXT,
    aggravating       TEXT,
    relieving         TEXT,
    subjective_notes  TEXT,
    -- Objective
    tongue_body       TEXT,
    tongue_coat       TEXT,
    tongue_shape      TEXT,
    pulse_qualities   TEXT,
    pulse_left_cun    TEXT,
    pulse_left_guan   TEXT,
    pulse_left_chi    TEXT,
    pulse_right_cun   TEXT,
    pulse_right_guan  TEXT,
    pulse_right_chi   TEXT,
    palpation         TEXT,
    range_of_motion   TEXT,
    orthopaedic_tests TEXT,
    -- Assessment and plan
    tcm_pattern       TEXT,
    assessment_notes  TEXT,
    plan              TEXT,
    -- Treatment besides the points (free text; present = used)
    moxa              TEXT,
    cupping           TEXT,
    gua_sha           TEXT,
    bleeding          TEXT,
    tui_na            TEXT,
    heat_lamp         TEXT,
    herbs             TEXT,
    needles_inserted  INTEGER CHECK (needles_inserted BETWEEN 0 AND 500),
    needles_removed   INTEGER CHECK (needles_removed BETWEEN 0 AND 500),
    face_to_face_minutes INTEGER CHECK (face_to_face_minutes BETWEEN 0 AND 480),
    adverse_events    TEXT,
    home_advice       TEXT,
    -- Signing
    needle_count_explanation TEXT,
    signed_at         TEXT,
    signed_by         INTEGER REFERENCES users (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((signed_at IS NULL) = (signed_by IS NULL))
) STRICT;
CREATE INDEX visit_notes_patient_date ON visit_notes (patient_id, visit_date DESC, id DESC);
CREATE INDEX visit_notes_practitioner ON visit_notes (practitioner_id, visit_date);

CREATE TABLE visit_points (
    note_id           INTEGER NOT NULL REFERENCES visit_notes (id),
    position          INTEGER NOT NULL CHECK (position >= 1),
    point_code        TEXT NOT NULL,
    side              TEXT NOT NULL CHECK (side IN ('left', 'right', 'bilateral', 'midline')),
    technique         TEXT CHECK (technique IS NULL OR technique IN ('tonify', 'reduce', 'even')),
    depth_mm          INTEGER CHECK (depth_mm IS NULL OR depth_mm BETWEEN 1 AND 150),
    retention_minutes INTEGER CHECK (retention_minutes IS NULL OR retention_minutes BETWEEN 0 AND 120),
    -- Electro-acupuncture: the point this one is paired with, frequency and duration.
    electro_pair      TEXT,
    electro_hz        REAL CHECK (electro_hz IS NULL OR electro_hz > 0 AND electro_hz <= 200),
    electro_minutes   INTEGER CHECK (electro_minutes IS NULL OR electro_minutes BETWEEN 1 AND 120),
    note              TEXT,
    PRIMARY KEY (note_id, position)
) STRICT, WITHOUT ROWID;
-- "Recently used" per practitioner reads points by note.
CREATE INDEX visit_points_code ON visit_points (point_code);

-- Where it hurts: body-map region codes with side.
CREATE TABLE visit_pain_regions (
    note_id  INTEGER NOT NULL REFERENCES visit_notes (id),
    region   TEXT NOT NULL,
    side     TEXT NOT NULL CHECK (side IN ('left', 'right', 'midline')),
    PRIMARY KEY (note_id, region, side)
) STRICT, WITHOUT ROWID;

CREATE TABLE visit_diagnoses (
    note_id  INTEGER NOT NULL REFERENCES visit_notes (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    code     TEXT NOT NULL,
    title    TEXT NOT NULL,
    PRIMARY KEY (note_id, position)
) STRICT, WITHOUT ROWID;

-- Patient-Specific Functional Scale: up to three activities the patient names, each 0-10.
CREATE TABLE visit_psfs (
    note_id  INTEGER NOT NULL REFERENCES visit_notes (id),
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    activity TEXT NOT NULL CHECK (length(trim(activity)) > 0),
    score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (note_id, position)
) STRICT, WITHOUT ROWID;

-- A safety alert the practitioner saw and went ahead with, and why.
CREATE TABLE visit_alert_acks (
    note_id         INTEGER NOT NULL REFERENCES visit_notes (id),
    alert_key       TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    acknowledged_by INTEGER NOT NULL REFERENCES users (id),
    acknowledged_at TEXT NOT NULL,
    PRIMARY KEY (note_id, alert_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE visit_addenda (
    id         INTEGER PRIMARY KEY,
    note_id    INTEGER NOT NULL REFERENCES visit_notes (id),
    author_id  INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0)
) STRICT;
CREATE INDEX visit_addenda_note ON visit_addenda (note_id, id);

-- Signed notes are immutable. The row-value comparison lists every column except patient_id.
CREATE TRIGGER visit_notes_signed_no_update BEFORE UPDATE ON visit_notes
WHEN OLD.signed_at IS NOT NULL AND (
    NEW.id, NEW.practitioner_id, NEW.appointment_id, NEW.visit_date, NEW.revision,
    NEW.chief_complaint, NEW.pain_now, NEW.pain_best, NEW.pain_worst, NEW.onset, NEW.aggravating,
    NEW.relieving, NEW.subjective_notes, NEW.tongue_body, NEW.tongue_coat, NEW.tongue_shape,
    NEW.pulse_qualities, NEW.pulse_left_cun, NEW.pulse_left_guan, NEW.pulse_left_chi,
    NEW.pulse_right_cun, NEW.pulse_right_guan, NEW.pulse_right_chi, NEW.palpation,
    NEW.range_of_motion, NEW.orthopaedic_tests, NEW.tcm_pattern, NEW.assessment_notes, NEW.plan,
    NEW.moxa, NEW.cupping, NEW.gua_sha, NEW.bleeding, NEW.tui_na, NEW.heat_lamp, NEW.herbs,
    NEW.needles_inserted, NEW.needles_removed, NEW.face_to_face_minutes, NEW.adverse_events,
    NEW.home_advice, NEW.needle_count_explanation, NEW.signed_at, NEW.signed_by, NEW.created_at,
    NEW.updated_at
) IS NOT (
    OLD.id, OLD.practitioner_id, OLD.appointment_id, OLD.visit_date, OLD.revision,
    OLD.chief_complaint, OLD.pain_now, OLD.pain_best, OLD.pain_worst, OLD.onset, OLD.aggravating,
    OLD.relieving, OLD.subjective_notes, OLD.tongue_body, OLD.tongue_coat, OLD.tongue_shape,
    OLD.pulse_qualities, OLD.pulse_left_cun, OLD.pulse_left_guan, OLD.pulse_left_chi,
    OLD.pulse_right_cun, OLD.pulse_right_guan, OLD.pulse_right_chi, OLD.palpation,
    OLD.range_of_motion, OLD.orthopaedic_tests, OLD.tcm_pattern, OLD.assessment_notes, OLD.plan,
    OLD.moxa, OLD.cupping, OLD.gua_sha, OLD.bleeding, OLD.tui_na, OLD.heat_lamp, OLD.herbs,
    OLD.needles_inserted, OLD.needles_removed, OLD.face_to_face_minutes, OLD.adverse_events,
    OLD.home_advice, OLD.needle_count_explanation, OLD.signed_at, OLD.signed_by, OLD.created_at,
    OLD.updated_at
)
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

CREATE TRIGGER visit_notes_signed_no_delete BEFORE DELETE ON visit_notes
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be deleted');
END;

CREATE TRIGGER visit_points_signed_no_insert BEFORE INSERT ON visit_points
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_points_signed_no_update BEFORE UPDATE ON visit_points
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_points_signed_no_delete BEFORE DELETE ON visit_points
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

CREATE TRIGGER visit_pain_regions_signed_no_insert BEFORE INSERT ON visit_pain_regions
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_pain_regions_signed_no_update BEFORE UPDATE ON visit_pain_regions
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_pain_regions_signed_no_delete BEFORE DELETE ON visit_pain_regions
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

CREATE TRIGGER visit_diagnoses_signed_no_insert BEFORE INSERT ON visit_diagnoses
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_diagnoses_signed_no_update BEFORE UPDATE ON visit_diagnoses
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_diagnoses_signed_no_delete BEFORE DELETE ON visit_diagnoses
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

CREATE TRIGGER visit_psfs_signed_no_insert BEFORE INSERT ON visit_psfs
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_psfs_signed_no_update BEFORE UPDATE ON visit_psfs
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_psfs_signed_no_delete BEFORE DELETE ON visit_psfs
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

CREATE TRIGGER visit_alert_acks_signed_no_insert BEFORE INSERT ON visit_alert_acks
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_alert_acks_signed_no_update BEFORE UPDATE ON visit_alert_acks
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;
CREATE TRIGGER visit_alert_acks_signed_no_delete BEFORE DELETE ON visit_alert_acks
WHEN (SELECT signed_at FROM visit_notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed visit note cannot be changed; add an addendum');
END;

-- Addenda: only on signed notes, and never changed or removed.
CREATE TRIGGER visit_addenda_only_signed BEFORE INSERT ON visit_addenda
WHEN (SELECT signed_at FROM visit_notes WHERE id = NEW.note_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'addenda are added to signed notes; edit the draft instead');
END;
CREATE TRIGGER visit_addenda_no_update BEFORE UPDATE ON visit_addenda
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed; add another');
END;
CREATE TRIGGER visit_addenda_no_delete BEFORE DELETE ON visit_addenda
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be deleted');
END;

-- Protocols: named point sets with default settings. owner_id NULL = shipped with the app
-- (identified by `key`, read-only); shared = visible to every practitioner.
CREATE TABLE protocols (
    id          INTEGER PRIMARY KEY,
    key         TEXT UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    condition   TEXT,
    description TEXT,
    owner_id    INTEGER REFERENCES users (id),
    shared      INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (owner_id IS NOT NULL OR key IS NOT NULL)
) STRICT;

CREATE TABLE protocol_points (
    protocol_id       INTEGER NOT NULL REFERENCES protocols (id),
    position          INTEGER NOT NULL CHECK (position >= 1),
    point_code        TEXT NOT NULL,
    -- 'affected' = the side the pain is on, resolved when the protocol is applied.
    side              TEXT NOT NULL CHECK (side IN ('left', 'right', 'bilateral', 'midline', 'affected')),
    technique         TEXT CHECK (technique IS NULL OR technique IN ('tonify', 'reduce', 'even')),
    retention_minutes INTEGER CHECK (retention_minutes IS NULL OR retention_minutes BETWEEN 0 AND 120),
    note              TEXT,
    PRIMARY KEY (protocol_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE point_favourites (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    point_code TEXT NOT NULL,
    PRIMARY KEY (user_id, point_code)
) STRICT, WITHOUT ROWID;

-- Starter protocols from reference/acupoints/sciatica.md (points named there for each
-- distribution). A starting point the practitioner adapts, not clinical advice.
INSERT INTO protocols (id, key, name, condition, description, created_at, updated_at) VALUES
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
