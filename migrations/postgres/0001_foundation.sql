-- 0001 (PostgreSQL): the foundation, in lockstep with migrations/0001_foundation.sql. Each
-- file in this folder reaches the schema its SQLite namesake reaches; the parity test
-- (crates/core/tests/schema_parity.rs) compares the two and fails on drift.
--
-- Choices that hold for every file here:
-- * Ids the database makes are `bigint GENERATED ALWAYS AS IDENTITY`: an insert that names an
--   id by mistake fails at once instead of leaving the sequence behind (the next insert would
--   then collide). Ids the application chooses (clinic_settings = 1, the audit chain's
--   position, migration versions) are plain bigint keys. Moving a clinic from SQLite copies
--   rows with `OVERRIDING SYSTEM VALUE` and then moves each sequence past the largest id.
-- * Every INTEGER is bigint (the core binds i64). Yes/no columns stay bigint with the same
--   CHECK (x IN (0, 1)) as SQLite for now: the core reads and binds them as integers on both
--   backends; a later migration may turn them into boolean once the core binds bool.
-- * Times stay text with SQLite's own CHECKs (`YYYY-MM-DDTHH:MM:SSZ`, RFC 3339): the audit
--   chain hashes the stored text, and timestamptz would keep only microseconds and print it
--   differently. Where the database must reason about time (appointment overlaps, 0003) an
--   IMMUTABLE function reads the text.
-- * SQLite's COLLATE NOCASE becomes the collation `nocase` below. Unquoted, the core's own
--   `ORDER BY name COLLATE NOCASE` names it too; as a column collation it makes `username = ?`
--   and ON CONFLICT (username) case-insensitive, as SQLite does, where a unique index on
--   lower(username) would leave those comparisons case-sensitive.
-- * SQLite's RAISE(ABORT, '…') triggers become PL/pgSQL triggers with the same names and
--   messages (tests and callers match on the text), SQLSTATE 23000 (a constraint, as SQLite
--   reports them), and BEFORE TRUNCATE triggers, which SQLite has no statement for.

-- Case-insensitive, accent-sensitive comparison (ICU strength 2). Unlike SQLite's NOCASE it
-- folds non-ASCII letters too ('É' = 'é'), which is what a clinic means by "the same name".
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- SQLite's `date(x) = x`: x is an existing calendar day written YYYY-MM-DD. Plain arithmetic
-- (no cast to date, which depends on DateStyle and is only STABLE), so CHECKs may use it.
CREATE FUNCTION acuchart_is_date(t text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE
    WHEN t !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN false
    ELSE substr(t, 9, 2)::int <= CASE
        WHEN substr(t, 6, 2)::int IN (4, 6, 9, 11) THEN 30
        WHEN substr(t, 6, 2)::int <> 2 THEN 31
        WHEN substr(t, 1, 4)::int % 400 = 0
          OR (substr(t, 1, 4)::int % 4 = 0 AND substr(t, 1, 4)::int % 100 <> 0) THEN 29
        ELSE 28
    END
END;

-- Folds a name for search as FTS5's `unicode61 remove_diacritics 2` does: no accents, lower
-- case. unaccent() is only STABLE (its dictionary could change), so an index needs this
-- IMMUTABLE wrapper; the dictionary is named explicitly so search_path cannot change it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE FUNCTION acuchart_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(unaccent('unaccent'::regdictionary, t));

-- Raises TG_ARGV[0]: the PL/pgSQL body of SQLite's `SELECT RAISE(ABORT, '…')` triggers.
CREATE FUNCTION acuchart_refuse() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TABLE schema_migrations (
    version    bigint PRIMARY KEY,
    name       text NOT NULL,
    applied_at text NOT NULL
);

CREATE TABLE clinic_settings (
    id          bigint PRIMARY KEY CHECK (id = 1),
    name        text NOT NULL CHECK (length(trim(name)) > 0),
    time_zone   text NOT NULL,
    date_format text NOT NULL CHECK (date_format IN ('dmy', 'mdy', 'ymd')),
    created_at  text NOT NULL
);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text COLLATE nocase NOT NULL UNIQUE CHECK (length(username) > 0),
    display_name  text NOT NULL,
    password_hash text NOT NULL,
    created_at    text NOT NULL,
    disabled_at   text
);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users (id),
    role    text NOT NULL CHECK (role IN ('admin', 'practitioner', 'receptionist')),
    PRIMARY KEY (user_id, role)
);

-- Chart numbers come from a counter so they are never reused, even after a failed insert.
CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO counters (name, value) VALUES ('chart_number', 1000);

CREATE TABLE patients (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_number   bigint NOT NULL UNIQUE,
    given_name     text NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name    text NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_name text,
    date_of_birth  text CHECK (date_of_birth IS NULL OR acuchart_is_date(date_of_birth)),
    phone          text,
    created_at     text NOT NULL,
    created_by     bigint NOT NULL REFERENCES users (id),
    updated_at     text NOT NULL,
    updated_by     bigint NOT NULL REFERENCES users (id),
    archived_at    text
);

CREATE INDEX patients_family_given ON patients (family_name COLLATE nocase, given_name COLLATE nocase);

-- SQLite's FTS5 table `patient_search` (rowid = patients.id) as an ordinary table keyed by
-- patient_id; its columns hold the same token text the core writes for SQLite. Its text
-- search index comes in 0002, with the `contact` column SQLite's 0002 adds.
CREATE TABLE patient_search (
    patient_id bigint PRIMARY KEY REFERENCES patients (id),
    names      text,
    numbers    text
);

-- The audit log: who did what to which record, never the clinical content itself.
-- Each row's hash covers its fields and the previous row's hash, so a row altered, removed
-- or inserted by hand breaks the chain (checked by `acuchart-cli audit verify`). The id is
-- the row's place in the chain, chosen by the appender and hashed: not an identity.
CREATE TABLE audit_log (
    id        bigint PRIMARY KEY,
    at        text NOT NULL,
    user_id   bigint REFERENCES users (id),
    action    text NOT NULL,
    entity    text NOT NULL,
    entity_id text,
    hash      text NOT NULL CHECK (length(hash) = 64)
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION acuchart_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION acuchart_refuse('the audit log is append-only');
-- TRUNCATE skips row triggers, so it is refused on its own.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION acuchart_refuse('the audit log is append-only');
