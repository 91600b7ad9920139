-- Hourly and daily min/max/avg/last per sensor for charts. Values flagged out of range are left out.
-- materialized_only = false: the buckets not yet materialised are computed from the raw readings at query time.
CREATE MATERIALIZED VIEW reading_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT sensor_id,
       time_bucket(INTERVAL '1 hour', ts) AS bucket,
       min(value)      AS min_value,
       max(value)      AS max_value,
       avg(value)      AS avg_value,
       last(value, ts) AS last_value,
       count(*)        AS samples
FROM reading
WHERE flags & 1 = 0
GROUP BY sensor_id, bucket
WITH NO DATA;

CREATE MATERIALIZED VIEW reading_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT sensor_id,
       time_bucket(INTERVAL '1 day', ts) AS bucket,
       min(value)      AS min_value,
       max(value)      AS max_value,
       avg(value)      AS avg_value,
       last(value, ts) AS last_value,
       count(*)        AS samples
FROM reading
WHERE flags & 1 = 0
GROUP BY sensor_id, bucket
WITH NO DATA;

-- Backlogs from devices that were offline for days land inside these refresh windows.
SELECT add_continuous_aggregate_policy('reading_hourly',
    start_offset => INTERVAL '14 days', end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes', initial_start => now() + INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('reading_daily',
    start_offset => INTERVAL '60 days', end_offset => INTERVAL '1 day',
    schedule_interval => INTERVAL '6 hours', initial_start => now() + INTERVAL '20 minutes');
