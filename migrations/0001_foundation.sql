-- 0001: the foundation: clinic settings, staff and roles, patients with search, audit seam.
-- Timestamps are RFC 3339 UTC text; dates are ISO 8601 (YYYY-MM-DD).

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE clinic_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    time_zone   TEXT NOT NULL,
    date_format TEXT NOT NULL CHECK (date_format IN ('dmy', 'mdy', 'ymd')),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) > 0),
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
) STRICT;

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('admin', 'practitioner', 'receptionist')),
    PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

-- Chart numbers come from a counter so they are never reused, even after a failed insert.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('chart_number', 1000);

CREATE TABLE patients (
    id             INTEGER PRIMARY KEY,
    chart_number   INTEGER NOT NULL UNIQUE,
    given_name     TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name    TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_name TEXT,
    date_of_birth  TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    phone          TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    updated_at     TEXT NOT NULL,
    updated_by     INTEGER NOT NULL REFERENCES users (id),
    archived_at    TEXT
) STRICT;

CREATE INDEX patients_family_given ON patients (family_name COLLATE NOCASE, given_name COLLATE NOCASE);

-- Type-ahead search: names folded for case and accents; digits of phone, birth date and chart
-- number as whole tokens so that prefix queries find them. Rowid = patients.id.
CREATE VIRTUAL TABLE patient_search USING fts5 (
    names,
    numbers,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The audit log: who did what to which record, never the clinical content itself.
-- Each row's hash covers its fields and the previous row's hash, so a row altered, removed
-- or inserted by hand breaks the chain (checked by `acuchart-cli audit verify`).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users (id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT,
    hash      TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
