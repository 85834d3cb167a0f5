-- 0003 (PostgreSQL): the schedule, in lockstep with migrations/0003_schedule.sql (see 0001 here
-- for the type choices). Practitioners, rooms, appointment types, working hours, time off,
-- appointments (single or in a recurring series) and the waitlist.
--
-- Instants are UTC text `YYYY-MM-DDTHH:MM:SSZ` (exactly 20 characters, so text order is time
-- order and range queries use the indexes), as in SQLite. What SQLite's single writer gave for
-- free is stated here: a practitioner or a room cannot be double-booked even by two desks
-- booking the same slot at once (exclusion constraints on appointments, below).

-- The text instant as timestamptz, for the exclusion constraints. An index expression must be
-- IMMUTABLE, and every text-to-time route is only STABLE (casts and to_timestamp(text, text)
-- read DateStyle or TimeZone; even make_timestamptz(…, 'UTC') is marked STABLE). The fields
-- are cut out by position and put together by make_timestamp() and timezone('UTC', …), both
-- IMMUTABLE (pg_proc.provolatile = 'i'; the parity test checks this function's own mark).
CREATE FUNCTION acuchart_instant(t text) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN timezone('UTC', make_timestamp(substr(t, 1, 4)::int, substr(t, 6, 2)::int,
                                      substr(t, 9, 2)::int, substr(t, 12, 2)::int,
                                      substr(t, 15, 2)::int, substr(t, 18, 2)::double precision));

-- The equality half of a GiST exclusion constraint on bigint ids.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- How much notice a cancellation needs before it counts as late.
ALTER TABLE clinic_settings ADD COLUMN late_cancel_notice_hours bigint NOT NULL DEFAULT 24
    CHECK (late_cancel_notice_hours BETWEEN 0 AND 168);

-- A practitioner is a staff account with a clinical identity for the calendar and documents.
-- SQLite's GLOB '#[0-9a-fA-F]…' (six classes) is the anchored regular expression here.
CREATE TABLE practitioners (
    user_id        bigint PRIMARY KEY REFERENCES users (id),
    licence_number text,
    npi            text,
    signature_line text,
    colour         text NOT NULL DEFAULT '#2f6f9f' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
    sort_order     bigint NOT NULL DEFAULT 0,
    active         bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE rooms (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text COLLATE nocase NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    sort_order bigint NOT NULL DEFAULT 0,
    active     bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE appointment_types (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sort_order       bigint NOT NULL DEFAULT 0,
    name             text COLLATE nocase NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    duration_minutes bigint NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    colour           text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
    needs_room       bigint NOT NULL DEFAULT 1 CHECK (needs_room IN (0, 1)),
    fee_cents        bigint CHECK (fee_cents IS NULL OR fee_cents >= 0),
    billing_code     text,
    active           bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Weekly blocks in the clinic's local time; several per day. `week_parity` lets a
-- practitioner alternate weeks (ISO week number even / odd).
CREATE TABLE working_hours (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practitioner_id bigint NOT NULL REFERENCES practitioners (user_id),
    weekday         bigint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
    start_minute    bigint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute      bigint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    week_parity     text NOT NULL DEFAULT 'every' CHECK (week_parity IN ('every', 'even', 'odd')),
    CHECK (end_minute > start_minute)
);
CREATE INDEX working_hours_practitioner ON working_hours (practitioner_id, weekday);

CREATE TABLE time_off (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practitioner_id bigint NOT NULL REFERENCES practitioners (user_id),
    starts_at       text NOT NULL CHECK (length(starts_at) = 20),
    ends_at         text NOT NULL CHECK (length(ends_at) = 20),
    reason          text,
    CHECK (ends_at > starts_at)
);
CREATE INDEX time_off_practitioner ON time_off (practitioner_id, starts_at);

-- The rule a recurring course was booked with; the occurrences are ordinary appointments.
CREATE TABLE appointment_series (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id     bigint NOT NULL REFERENCES patients (id),
    frequency      text NOT NULL CHECK (frequency IN ('weekly', 'weekdays')),
    interval_weeks bigint NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 52),
    weekdays       text, -- ISO weekday numbers, comma-separated, for 'weekdays'
    occurrences    bigint CHECK (occurrences IS NULL OR occurrences BETWEEN 1 AND 200),
    until_date     text CHECK (until_date IS NULL OR acuchart_is_date(until_date)),
    local_time     text NOT NULL CHECK (length(local_time) = 5), -- HH:MM wall clock
    time_zone      text NOT NULL,
    created_at     text NOT NULL,
    created_by     bigint NOT NULL REFERENCES users (id),
    CHECK (occurrences IS NOT NULL OR until_date IS NOT NULL)
);

-- starts_at / ends_at also match the exact shape acuchart_instant() reads, inside the same
-- CHECK as SQLite's length test, so a malformed time is refused as a CHECK violation rather
-- than as a cast error from the exclusion constraints' index.
CREATE TABLE appointments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id      bigint NOT NULL REFERENCES patients (id),
    practitioner_id bigint NOT NULL REFERENCES practitioners (user_id),
    room_id         bigint REFERENCES rooms (id),
    type_id         bigint NOT NULL REFERENCES appointment_types (id),
    series_id       bigint REFERENCES appointment_series (id),
    series_index    bigint CHECK (series_index IS NULL OR series_index >= 1),
    starts_at       text NOT NULL CHECK (length(starts_at) = 20
                        AND starts_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'),
    ends_at         text NOT NULL CHECK (length(ends_at) = 20
                        AND ends_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'),
    time_zone       text NOT NULL,
    status          text NOT NULL DEFAULT 'booked'
                    CHECK (status IN ('booked', 'arrived', 'in_treatment', 'completed', 'cancelled', 'no_show')),
    front_desk_note text,
    arrived_at      text,
    treatment_started_at text,
    completed_at    text,
    no_show_at      text,
    cancelled_at    text,
    cancelled_by    bigint REFERENCES users (id),
    cancel_reason   text,
    late_cancel     bigint NOT NULL DEFAULT 0 CHECK (late_cancel IN (0, 1)),
    -- Why it was booked outside working hours or in time off (the override is recorded).
    override_reason text,
    created_at      text NOT NULL,
    created_by      bigint NOT NULL REFERENCES users (id),
    updated_at      text NOT NULL,
    updated_by      bigint NOT NULL REFERENCES users (id),
    CHECK (ends_at > starts_at),
    CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL)),
    -- No double booking, whoever writes: the core's rule (schedule/conflicts.rs) in the
    -- database. Every status but cancelled and no-show blocks (completed too, as the core's
    -- `status NOT IN ('cancelled', 'no_show')` says); '[)' ranges let one visit end when the
    -- next begins. DEFERRABLE INITIALLY DEFERRED: moving a course updates its visits one by
    -- one, and a visit may pass through a slot another visit of the same course is leaving;
    -- the rule holds at COMMIT (SQLSTATE 23P01), when the move is whole.
    CONSTRAINT appointments_no_practitioner_overlap EXCLUDE USING gist (
        practitioner_id WITH =,
        tstzrange(acuchart_instant(starts_at), acuchart_instant(ends_at), '[)') WITH &&
    ) WHERE (status NOT IN ('cancelled', 'no_show')) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT appointments_no_room_overlap EXCLUDE USING gist (
        room_id WITH =,
        tstzrange(acuchart_instant(starts_at), acuchart_instant(ends_at), '[)') WITH &&
    ) WHERE (room_id IS NOT NULL AND status NOT IN ('cancelled', 'no_show')) DEFERRABLE INITIALLY DEFERRED
);
-- Conflict checks and free-slot searches read by practitioner or room over a time range; the
-- end and status in the key make those indexes covering (no table lookups per candidate).
-- The day and week views read every practitioner over a range (appointments_time).
CREATE INDEX appointments_practitioner_time ON appointments (practitioner_id, starts_at, ends_at, status);
CREATE INDEX appointments_room_time ON appointments (room_id, starts_at, ends_at, status) WHERE room_id IS NOT NULL;
CREATE INDEX appointments_patient_time ON appointments (patient_id, starts_at);
CREATE INDEX appointments_series ON appointments (series_id, series_index) WHERE series_id IS NOT NULL;
CREATE INDEX appointments_time ON appointments (starts_at);

CREATE TABLE waitlist (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id       bigint NOT NULL REFERENCES patients (id),
    type_id          bigint REFERENCES appointment_types (id),
    -- Preferred practitioners (user ids) and ISO weekdays, comma-separated; empty = any.
    practitioner_ids text NOT NULL DEFAULT '',
    weekdays         text NOT NULL DEFAULT '',
    earliest_minute  bigint CHECK (earliest_minute IS NULL OR earliest_minute BETWEEN 0 AND 1439),
    latest_minute    bigint CHECK (latest_minute IS NULL OR latest_minute BETWEEN 1 AND 1440),
    note             text,
    created_at       text NOT NULL,
    created_by       bigint NOT NULL REFERENCES users (id),
    resolved_at      text,
    resolved_by      bigint REFERENCES users (id)
);
CREATE INDEX waitlist_open ON waitlist (created_at) WHERE resolved_at IS NULL;
