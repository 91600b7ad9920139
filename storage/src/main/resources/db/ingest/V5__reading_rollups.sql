-- Hourly and daily min/max/avg/last per sensor for charts on plain PostgreSQL, where TimescaleDB's continuous
-- aggregates (db/timescale/V2) are not available. Kept by RollupRefresher; values flagged out of range (flags & 1)
-- are left out, as in the continuous aggregates. An hour is computed from the raw readings, a day from its hours.
-- On TimescaleDB these tables stay empty.
CREATE TABLE reading_hourly_rollup (
    sensor_id  integer          NOT NULL,
    bucket     timestamptz      NOT NULL,
    min_value  double precision NOT NULL,
    max_value  double precision NOT NULL,
    -- sum rather than average, so that hours add up to days
    sum_value  double precision NOT NULL,
    last_value double precision NOT NULL,
    samples    bigint           NOT NULL,
    PRIMARY KEY (sensor_id, bucket)
);

CREATE TABLE reading_daily_rollup (
    sensor_id  integer          NOT NULL,
    bucket     timestamptz      NOT NULL,
    min_value  double precision NOT NULL,
    max_value  double precision NOT NULL,
    sum_value  double precision NOT NULL,
    last_value double precision NOT NULL,
    samples    bigint           NOT NULL,
    PRIMARY KEY (sensor_id, bucket)
);

-- One row: how far the refresher has got, in receive order.
CREATE TABLE reading_rollup_watermark (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- the last reading rolled up, by (received_at, sensor_id, ts): the next round resumes after it
    received_at   timestamptz NOT NULL DEFAULT timestamptz 'epoch',
    sensor_id     integer     NOT NULL DEFAULT 0,
    ts            timestamptz NOT NULL DEFAULT timestamptz 'epoch',
    -- every reading received at or before this time is in the rollups; null until the first complete pass,
    -- and until then charts aggregate the raw readings
    covered_until timestamptz,
    refreshed_at  timestamptz
);
INSERT INTO reading_rollup_watermark DEFAULT VALUES;

-- Rows are appended in receive order, so a BRIN index finds what arrived since the last round for the cost of a
-- few pages, and costs next to nothing on insert.
CREATE INDEX reading_received_brin ON reading USING brin (received_at) WITH (autosummarize = on);
