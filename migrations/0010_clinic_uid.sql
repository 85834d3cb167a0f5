-- Each clinic gets its own random identifier, made once: it keeps what the clinic exports
-- (calendar event UIDs) apart from another clinic's, so two clinics' .ics files never collide
-- in one calendar. A clinic set up before this migration gets one here.
ALTER TABLE clinic_settings ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE clinic_settings SET uid = lower(hex(randomblob(16)));
