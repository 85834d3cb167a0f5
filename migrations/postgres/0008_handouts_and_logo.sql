-- 0008 (PostgreSQL): condition handouts and the clinic's logo, in lockstep with
-- migrations/0008_handouts_and_logo.sql (see 0001 here for the type choices).
--
-- A handout is a text the clinic writes once per condition ("Acupuncture for sciatica": what
-- it is, what to expect, home care) and appends to a patient's treatment summary. The body is
-- plain text: a line starting with "# " is a heading, one starting with "- " a bullet, and a
-- blank line ends a paragraph. Handouts are archived rather than deleted; a summary already
-- made keeps the text it was printed with (the PDF is stored).
CREATE TABLE condition_handouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       text COLLATE nocase NOT NULL UNIQUE
                CHECK (length(trim(title)) BETWEEN 1 AND 120),
    -- The condition it is for, shown in the picker (e.g. "Sciatica").
    condition   text CHECK (condition IS NULL OR length(trim(condition)) BETWEEN 1 AND 80),
    body        text NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 20000),
    archived    bigint NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    updated_at  text NOT NULL,
    -- Who last changed it; none for the starter texts.
    updated_by  bigint REFERENCES users (id)
);

-- The letterhead's logo: a PNG already scaled and flattened by the app (at most 720 × 240).
ALTER TABLE clinic_settings ADD COLUMN logo_png bytea;

-- Two starter texts the clinic can edit or archive; the same words as SQLite's, stamped with
-- the time of the migration in the same UTC text form.
INSERT INTO condition_handouts (title, condition, body, updated_at) VALUES
(
    'Acupuncture for sciatica',
    'Sciatica',
    '# What sciatica is
Sciatica is pain that runs from the lower back or buttock down the leg, along the path of the sciatic nerve. It often comes from irritation of a nerve root in the lower back and usually settles over weeks to a few months.

# What to expect from treatment
A course is usually weekly for six to eight sessions, then reviewed. The points chosen follow where your pain runs: down the back of the leg (Bladder channel), the side (Gallbladder channel) or the front (Stomach channel). Mild aching or tiredness after a session is normal and passes within a day.

# Home care
- Keep moving: short, frequent walks help more than bed rest.
- Change position at least every 30 to 45 minutes when sitting.
- Use warmth on the lower back for 15 to 20 minutes when it is stiff.
- Do the stretches you were shown gently, without forcing into pain.

# When to seek help at once
Contact your doctor or emergency services if you have numbness around the groin or buttocks, new trouble passing urine or controlling your bowels, or weakness in the leg that is getting worse.',
    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
),
(
    'Acupuncture for low back pain',
    'Low back pain',
    '# About low back pain
Most low back pain is not caused by serious damage and improves with time, movement and treatment. Acupuncture is recommended by several clinical guidelines for persistent low back pain.

# What to expect
Sessions last about 45 minutes. Fine needles are placed in the back and often in the legs or hands and left for 20 to 30 minutes; warmth (moxa or a heat lamp) or cupping may be added. Many people notice a change within four to six sessions.

# Home care
- Stay active within comfort; avoid long periods of sitting.
- Lift with bent knees and keep loads close to the body.
- Heat often eases stiffness; some people prefer cold for a new flare-up.
- Sleep on your side with a pillow between the knees if lying flat hurts.',
    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
