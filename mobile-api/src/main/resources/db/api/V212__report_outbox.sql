-- A danger report goes to the duty officers through the outbox like an alert's messages, without an alert: purpose
-- 'report', alert_id NULL, the report in report_id.
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
    CHECK (purpose IN ('notify', 'reminder', 'escalation', 'all_clear', 'report'));
ALTER TABLE outbox ADD COLUMN report_id bigint REFERENCES danger_report (id);
CREATE INDEX outbox_report_idx ON outbox (report_id) WHERE report_id IS NOT NULL;
