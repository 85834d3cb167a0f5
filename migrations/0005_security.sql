-- 0005: security: staff accounts that can be disabled and whose sessions can be ended, a wait
-- after repeated failed sign-ins, the idle time before the screen locks, and the patient each
-- audit row concerns (for the audit screen's filter).

-- Bumped when an admin disables an account or resets its password: a session opened before
-- the change no longer matches and is ended on its next request.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- Failed sign-ins by the user name as typed (folded by COLLATE NOCASE), whether or not such an
-- account exists: a name that does not exist waits exactly like one that does, so the wait
-- reveals nothing. A successful sign-in removes the row.
CREATE TABLE login_failures (
    username       TEXT PRIMARY KEY COLLATE NOCASE,
    failures       INTEGER NOT NULL CHECK (failures > 0),
    last_failed_at TEXT NOT NULL,
    -- RFC 3339 UTC; no attempt is checked before this time.
    wait_until     TEXT
) STRICT, WITHOUT ROWID;

-- Seconds without keyboard or mouse activity before the window locks (5 minutes by default).
ALTER TABLE clinic_settings ADD COLUMN idle_lock_seconds INTEGER NOT NULL DEFAULT 300
    CHECK (idle_lock_seconds BETWEEN 5 AND 14400);

-- The patient an audit row concerns, when it concerns one. Part of the row's hash from this
-- migration on (rows written before it have none and hash as before).
ALTER TABLE audit_log ADD COLUMN patient_id INTEGER;

CREATE INDEX audit_log_patient ON audit_log (patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);
