-- Readings: one row per (sensor, sample time). Narrow on purpose; TimescaleDB turns it into a hypertable when present.
-- No foreign key to sensor: sensors are never deleted, and the check would cost every insert.
CREATE TABLE reading (
    sensor_id   integer          NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL,
    -- bit 1: outside the sensor's valid range (kept, never used for warnings)
    -- bit 2: the device sent no timestamp; ts is the platform's receive time
    flags       smallint         NOT NULL DEFAULT 0,
    received_at timestamptz      NOT NULL,
    PRIMARY KEY (sensor_id, ts)
);

-- Latest known health of each device.
CREATE TABLE device_state (
    device_id      text PRIMARY KEY REFERENCES device (id),
    online         boolean,
    status_at      timestamptz,
    battery_v      real,
    rssi           integer,
    temp_c         real,
    firmware       text,
    last_seen      timestamptz,
    last_seq       bigint,
    missed_samples bigint NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Every status message and Will, for history and the online rate.
CREATE TABLE device_status (
    device_id   text        NOT NULL,
    ts          timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    online      boolean,
    battery_v   real,
    rssi        integer,
    temp_c      real,
    firmware    text,
    PRIMARY KEY (device_id, ts)
);

-- Command results from devices (cmd/ack).
CREATE TABLE command_ack (
    device_id   text        NOT NULL,
    command_id  text        NOT NULL,
    ok          boolean     NOT NULL,
    error       text,
    ts          timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (device_id, command_id)
);

-- Messages the platform could not use, kept with the reason for the duty staff.
CREATE TABLE dead_letter (
    id           bigserial PRIMARY KEY,
    received_at  timestamptz NOT NULL,
    topic        text        NOT NULL,
    device_id    text,
    reason       text        NOT NULL,
    detail       text        NOT NULL,
    payload      bytea       NOT NULL,
    payload_size integer     NOT NULL
);
CREATE INDEX dead_letter_received_idx ON dead_letter (received_at DESC);
CREATE INDEX dead_letter_device_idx ON dead_letter (device_id, received_at DESC);
