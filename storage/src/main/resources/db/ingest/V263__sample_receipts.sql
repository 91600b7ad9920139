-- The receive time given to a sample sent without a time, by device and sequence number: a redelivery of the
-- sample (QoS 1 after a lost acknowledgement) gets the time its first delivery got, so it is stored once and a
-- rainfall increment counts once (docs/device-contract.md). Rows older than the broker's session expiry (7 days by
-- default) are no longer needed and are pruned.
CREATE TABLE sample_receipt (
    device_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX sample_receipt_received_brin ON sample_receipt USING brin (received_at);
