-- 0005 (PostgreSQL): security, in lockstep with migrations/0005_security.sql (see 0001 here for
-- the type choices): staff accounts that can be disabled and whose sessions can be ended, a
-- wait after repeated failed sign-ins, the idle time before the screen locks, and the patient
-- each audit row concerns (for the audit screen's filter).

-- Bumped when an admin disables an account or resets its password: a session opened before
-- the change no longer matches and is ended on its next request.
ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0;

-- Failed sign-ins by the user name as typed, folded by the `nocase` collation (SQLite: COLLATE
-- NOCASE), whether or not such an account exists: a name that does not exist waits exactly
-- like one that does, so the wait reveals nothing. A successful sign-in removes the row. The
-- key's collation is what makes `ON CONFLICT (username)` count 'Owner' and 'owner' together,
-- so changing the case of a name does not start a fresh count.
CREATE TABLE login_failures (
    username       text COLLATE nocase PRIMARY KEY,
    failures       bigint NOT NULL CHECK (failures > 0),
    last_failed_at text NOT NULL,
    -- RFC 3339 UTC; no attempt is checked before this time.
    wait_until     text
);

-- Seconds without keyboard or mouse activity before the window locks (5 minutes by default).
ALTER TABLE clinic_settings ADD COLUMN idle_lock_seconds bigint NOT NULL DEFAULT 300
    CHECK (idle_lock_seconds BETWEEN 5 AND 14400);

-- The patient an audit row concerns, when it concerns one. Part of the row's hash from this
-- migration on (rows written before it have none and hash as before).
ALTER TABLE audit_log ADD COLUMN patient_id bigint;

CREATE INDEX audit_log_patient ON audit_log (patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_user ON audit_log (user_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);
