-- Applied only where the timescaledb extension is installed (TimescaleDB 2.x API).
SELECT create_hypertable('reading', by_range('ts', INTERVAL '7 days'), migrate_data => true);
SELECT create_hypertable('device_status', by_range('ts', INTERVAL '30 days'), migrate_data => true);

ALTER TABLE reading SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'sensor_id',
    timescaledb.compress_orderby = 'ts DESC'
);
ALTER TABLE device_status SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'device_id',
    timescaledb.compress_orderby = 'ts DESC'
);

-- Policies on the same hypertable are staggered so that they never start together.
SELECT add_compression_policy('reading', compress_after => INTERVAL '${compressAfter}',
    schedule_interval => INTERVAL '12 hours', initial_start => now() + INTERVAL '1 hour');
SELECT add_retention_policy('reading', drop_after => INTERVAL '${retention}',
    schedule_interval => INTERVAL '1 day', initial_start => now() + INTERVAL '3 hours 30 minutes');
SELECT add_compression_policy('device_status', compress_after => INTERVAL '${compressAfter}',
    schedule_interval => INTERVAL '12 hours', initial_start => now() + INTERVAL '2 hours');
SELECT add_retention_policy('device_status', drop_after => INTERVAL '${retention}',
    schedule_interval => INTERVAL '1 day', initial_start => now() + INTERVAL '4 hours 30 minutes');
