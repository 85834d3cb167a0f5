-- Each safety-alert acknowledgement is bound to what raised the alert: the patient's flag and
-- when the safety flags were last set (`pregnant@2026-12-07T09:30:00+00:00`). A change in the
-- flags raises the alert again on a draft. Acknowledgements recorded before this migration
-- carry a basis no alert has, so an open draft asks for them again; signed notes keep theirs.
ALTER TABLE visit_alert_acks ADD COLUMN basis TEXT NOT NULL DEFAULT 'recorded before bases';
