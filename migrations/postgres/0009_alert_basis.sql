-- 0009 (PostgreSQL), in lockstep with migrations/0009_alert_basis.sql. Each safety-alert
-- acknowledgement is bound to what raised the alert: the patient's flag and when the safety
-- flags were last set (`pregnant@2026-12-07T09:30:00+00:00`). A change in the flags raises the
-- alert again on a draft. Acknowledgements recorded before this migration carry a basis no
-- alert has, so an open draft asks for them again; signed notes keep theirs.
--
-- Adding a column with a default fills existing rows without an UPDATE of each one, so the
-- signed-note triggers on visit_alert_acks do not fire (SQLite's ADD COLUMN does not either).
ALTER TABLE visit_alert_acks ADD COLUMN basis text NOT NULL DEFAULT 'recorded before bases';
