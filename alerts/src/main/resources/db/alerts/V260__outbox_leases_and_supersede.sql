-- Outbox delivery that keeps its promises: a row's outcome is recorded under the lease it was sent with, an older
-- message an alert no longer stands by is superseded rather than sent, and a message past its lifetime is recorded as
-- expired rather than delivered late.

-- superseded: a newer message of the same alert to the same recipient and channel (or, for a device command, a newer
--             command of the same type to the same device) replaced it before it was delivered; it is never sent again.
-- expired:    its time to live (counted from created_at) ran out before it could be delivered.
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'superseded', 'expired'));

-- The token of the lease a dispatcher holds on the row: outcomes are recorded only under the lease they were sent
-- with, so a dispatcher whose lease ran out can never overwrite what a later one recorded.
ALTER TABLE outbox ADD COLUMN lease uuid;

-- Device commands carry a sequence that grows with every new command to the device, so a device can drop a command
-- older than one it has already carried out. Resends of a command carry its sequence unchanged.
ALTER TABLE outbox ADD COLUMN seq bigint;
CREATE TABLE device_command_seq (
    device_id text PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    seq       bigint NOT NULL
);

-- Rows in flight (leased): a newer message to the same recipient waits until an older one in flight has its outcome,
-- so messages of an alert reach a recipient in the order they were written.
CREATE INDEX outbox_in_flight_idx ON outbox (channel, alert_id, person_id) WHERE lease_until IS NOT NULL;
CREATE INDEX outbox_in_flight_device_idx ON outbox (device_id, channel) WHERE lease_until IS NOT NULL;

-- Superseding looks up a recipient's undelivered rows.
CREATE INDEX outbox_undelivered_person_idx ON outbox (alert_id, channel, person_id)
    WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_undelivered_device_idx ON outbox (device_id, channel) WHERE state IN ('pending', 'sending');
