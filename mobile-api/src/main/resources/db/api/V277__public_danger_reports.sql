-- Danger reports from the public: a point's residents may file them too; they reach the duty officers like a
-- monitor's, marked as from the public.
ALTER TABLE danger_report ADD COLUMN from_public boolean NOT NULL DEFAULT false;
CREATE INDEX danger_report_person_idx ON danger_report (person_id, reported_at DESC);
