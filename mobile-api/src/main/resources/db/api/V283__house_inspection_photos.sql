-- Photos of at-risk house inspections, kept with those of patrols and danger reports: each photo belongs to exactly
-- one record.
ALTER TABLE ledger_photo ADD COLUMN house_inspection_id bigint REFERENCES house_inspection (id) ON DELETE CASCADE;
ALTER TABLE ledger_photo DROP CONSTRAINT ledger_photo_check;
ALTER TABLE ledger_photo ADD CONSTRAINT ledger_photo_one_record
    CHECK (num_nonnulls(patrol_id, report_id, house_inspection_id) = 1);
CREATE INDEX ledger_photo_house_inspection_idx ON ledger_photo (house_inspection_id, id)
    WHERE house_inspection_id IS NOT NULL;
