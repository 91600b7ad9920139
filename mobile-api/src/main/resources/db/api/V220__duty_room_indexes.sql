-- The duty room pages through an alert's deliveries in outbox order (an alert to a village has thousands of rows),
-- and filters dead letters by reason, newest first.
CREATE INDEX outbox_alert_page_idx ON outbox (alert_id, id);
CREATE INDEX dead_letter_reason_idx ON dead_letter (reason, received_at DESC);
