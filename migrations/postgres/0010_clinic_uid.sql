-- 0010 (PostgreSQL), in lockstep with migrations/0010_clinic_uid.sql. Each clinic gets its own
-- random identifier, made once: it keeps what the clinic exports (calendar event UIDs) apart
-- from another clinic's. A clinic set up before this migration gets one here.
ALTER TABLE clinic_settings ADD COLUMN uid text NOT NULL DEFAULT '';
UPDATE clinic_settings SET uid = replace(gen_random_uuid()::text, '-', '');
