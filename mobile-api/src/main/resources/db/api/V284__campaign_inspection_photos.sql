-- Photos of survey campaigns' inspections, kept with the other records' photos: each photo belongs to exactly one
-- record.
ALTER TABLE ledger_photo ADD COLUMN campaign_inspection_id bigint REFERENCES campaign_inspection (id)
    ON DELETE CASCADE;
ALTER TABLE ledger_photo DROP CONSTRAINT ledger_photo_one_record;
ALTER TABLE ledger_photo ADD CONSTRAINT ledger_photo_one_record
    CHECK (num_nonnulls(patrol_id, report_id, house_inspection_id, campaign_inspection_id) = 1);
CREATE INDEX ledger_photo_campaign_inspection_idx ON ledger_photo (campaign_inspection_id, id)
    WHERE campaign_inspection_id IS NOT NULL;
