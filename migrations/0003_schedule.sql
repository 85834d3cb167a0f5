-- 0003: the schedule. Practitioners, rooms, appointment types, working hours, time off,
-- appointments (single or in a recurring series) and the waitlist.
--
-- Instants are UTC text `YYYY-MM-DDTHH:MM:SSZ` (exactly 20 characters, so text order is time
-- order and range queries use the indexes); each appointment also keeps the IANA zone it was
-- booked in, and a series keeps its local wall-clock time so every occurrence stays at 10:00
-- across DST changes. Local times of day are minutes after midnight (0-1440) or `HH:MM`.
--
-- These columns are read by other parts of the app (charting reads today's appointments, the
-- day sheet, the performance generator writes rows directly): keep them stable; add columns,
-- never rename. An appointment is at most 480 minutes long (enforced by the core), which is
-- what lets a conflict check read only the appointments starting in the 8 hours before.

-- How much notice a cancellation needs before it counts as late.
ALTER TABLE clinic_settings ADD COLUMN late_cancel_notice_hours INTEGER NOT NULL DEFAULT 24
    CHECK (late_cancel_notice_hours BETWEEN 0 AND 168);

-- A practitioner is a staff account with a clinical identity for the calendar and documents.
CREATE TABLE practitioners (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id),
    licence_number TEXT,
    npi            TEXT,
    signature_line TEXT,
    colour         TEXT NOT NULL DEFAULT '#2f6f9f' CHECK (colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
    sort_order     INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE rooms (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE appointment_types (
    id               INTEGER PRIMARY KEY,
    sort_order       INTEGER NOT NULL DEFAULT 0,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    colour           TEXT NOT NULL CHECK (colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
    needs_room       INTEGER NOT NULL DEFAULT 1 CHECK (needs_room IN (0, 1)),
    fee_cents        INTEGER CHECK (fee_cents IS NULL OR fee_cents >= 0),
    billing_code     TEXT,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Weekly blocks in the clinic's local time; several per day. `week_parity` lets a
-- practitioner alternate weeks (ISO week number even / odd).
CREATE TABLE working_hours (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners (user_id),
    weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
    start_minute    INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute      INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    week_parity     TEXT NOT NULL DEFAULT 'every' CHECK (week_parity IN ('every', 'even', 'odd')),
    CHECK (end_minute > start_minute)
) STRICT;
CREATE INDEX working_hours_practitioner ON working_hours (practitioner_id, weekday);

CREATE TABLE time_off (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners (user_id),
    starts_at       TEXT NOT NULL CHECK (length(starts_at) = 20),
    ends_at         TEXT NOT NULL CHECK (length(ends_at) = 20),
    reason          TEXT,
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX time_off_practitioner ON time_off (practitioner_id, starts_at);

-- The rule a recurring course was booked with; the occurrences are ordinary appointments.
CREATE TABLE appointment_series (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients (id),
    frequency     TEXT NOT NULL CHECK (frequency IN ('weekly', 'weekdays')),
    interval_weeks INTEGER NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 52),
    weekdays      TEXT, -- ISO weekday numbers, comma-separated, for 'weekdays'
    occurrences   INTEGER CHECK (occurrences IS NULL OR occurrences BETWEEN 1 AND 200),
    until_date    TEXT CHECK (until_date IS NULL OR date(until_date) = until_date),
    local_time    TEXT NOT NULL CHECK (length(local_time) = 5), -- HH:MM wall clock
    time_zone     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    CHECK (occurrences IS NOT NULL OR until_date IS NOT NULL)
) STRICT;

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    practitioner_id INTEGER NOT NULL REFERENCES practitioners (user_id),
    room_id         INTEGER REFERENCES rooms (id),
    type_id         INTEGER NOT NULL REFERENCES appointment_types (id),
    series_id       INTEGER REFERENCES appointment_series (id),
    series_index    INTEGER CHECK (series_index IS NULL OR series_index >= 1),
    starts_at       TEXT NOT NULL CHECK (length(starts_at) = 20),
    ends_at         TEXT NOT NULL CHECK (length(ends_at) = 20),
    time_zone       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'booked'
                    CHECK (status IN ('booked', 'arrived', 'in_treatment', 'completed', 'cancelled', 'no_show')),
    front_desk_note TEXT,
    arrived_at      TEXT,
    treatment_started_at TEXT,
    completed_at    TEXT,
    no_show_at      TEXT,
    cancelled_at    TEXT,
    cancelled_by    INTEGER REFERENCES users (id),
    cancel_reason   TEXT,
    late_cancel     INTEGER NOT NULL DEFAULT 0 CHECK (late_cancel IN (0, 1)),
    -- Why it was booked outside working hours or in time off (the override is recorded).
    override_reason TEXT,
    created_at      TEXT NOT NULL,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER NOT NULL REFERENCES users (id),
    CHECK (ends_at > starts_at),
    CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL))
) STRICT;
-- Conflict checks and free-slot searches read by practitioner or room over a time range; the
-- end and status in the key make those indexes covering (no table lookups per candidate).
-- The day and week views read every practitioner over a range (appointments_time).
CREATE INDEX appointments_practitioner_time ON appointments (practitioner_id, starts_at, ends_at, status);
CREATE INDEX appointments_room_time ON appointments (room_id, starts_at, ends_at, status) WHERE room_id IS NOT NULL;
CREATE INDEX appointments_patient_time ON appointments (patient_id, starts_at);
CREATE INDEX appointments_series ON appointments (series_id, series_index) WHERE series_id IS NOT NULL;
CREATE INDEX appointments_time ON appointments (starts_at);

CREATE TABLE waitlist (
    id             INTEGER PRIMARY KEY,
    patient_id     INTEGER NOT NULL REFERENCES patients (id),
    type_id        INTEGER REFERENCES appointment_types (id),
    -- Preferred practitioners (user ids) and ISO weekdays, comma-separated; empty = any.
    practitioner_ids TEXT NOT NULL DEFAULT '',
    weekdays       TEXT NOT NULL DEFAULT '',
    earliest_minute INTEGER CHECK (earliest_minute IS NULL OR earliest_minute BETWEEN 0 AND 1439),
    latest_minute  INTEGER CHECK (latest_minute IS NULL OR latest_minute BETWEEN 1 AND 1440),
    note           TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    resolved_at    TEXT,
    resolved_by    INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX waitlist_open ON waitlist (created_at) WHERE resolved_at IS NULL;
