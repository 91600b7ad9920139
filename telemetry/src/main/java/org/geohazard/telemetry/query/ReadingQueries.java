package org.geohazard.telemetry.query;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.storage.Database;

/**
 * Time-series reads for charts and the API: raw readings over a range, and readings bucketed into
 * min/max/avg/last. Hour and day buckets come from the continuous aggregates with TimescaleDB, and from the
 * rollups kept by {@code RollupRefresher} on plain PostgreSQL; other widths are computed from the raw readings.
 */
public final class ReadingQueries {
  /** Longest answer a single query gives; callers page by time. */
  public static final int MAX_ROWS = 10_000;

  private static final String RAW = """
      SELECT ts, value, flags FROM reading
      WHERE sensor_id = ? AND ts >= ? AND ts < ?
      ORDER BY ts
      LIMIT ?""";
  private static final String FROM_AGGREGATE = """
      SELECT bucket, min_value, max_value, avg_value, last_value, samples FROM %s
      WHERE sensor_id = ? AND bucket >= ? AND bucket < ?
      ORDER BY bucket
      LIMIT ?""";
  // Plain PostgreSQL, hour and day buckets: the rollups before the bucket the refresher's coverage falls in, the
  // raw readings from there on, as a real-time continuous aggregate does. Both parts give whole buckets.
  private static final String FROM_ROLLUP = """
      WITH coverage AS (
          SELECT coalesce(date_bin(?::interval, covered_until, timestamptz 'epoch'), timestamptz '-infinity') AS until
          FROM reading_rollup_watermark)
      SELECT bucket, min_value, max_value, sum_value / samples, last_value, samples FROM %s
      WHERE sensor_id = ? AND bucket >= ? AND bucket < least(?, (SELECT until FROM coverage))
      UNION ALL
      SELECT date_bin(?::interval, ts, timestamptz 'epoch') AS bucket, min(value), max(value), avg(value),
             (array_agg(value ORDER BY ts DESC))[1], count(*)
      FROM reading
      WHERE sensor_id = ? AND ts >= greatest(?, (SELECT until FROM coverage)) AND ts < ? AND flags & 1 = 0
      GROUP BY 1
      ORDER BY 1
      LIMIT ?""";
  private static final String FROM_RAW = """
      SELECT date_bin(?::interval, ts, timestamptz 'epoch') AS bucket, min(value), max(value), avg(value),
             (array_agg(value ORDER BY ts DESC))[1], count(*)
      FROM reading
      WHERE sensor_id = ? AND ts >= ? AND ts < ? AND flags & 1 = 0
      GROUP BY bucket
      ORDER BY bucket
      LIMIT ?""";

  private final Database database;

  public ReadingQueries(Database database) {
    this.database = database;
  }

  public Future<List<Sample>> raw(int sensorId, Instant from, Instant to, int limit) {
    int rows = checkedLimit(limit);
    return database.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(RAW)) {
        s.setInt(1, sensorId);
        s.setTimestamp(2, Timestamp.from(from));
        s.setTimestamp(3, Timestamp.from(to));
        s.setInt(4, rows);
        List<Sample> samples = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            samples.add(new Sample(r.getTimestamp(1).toInstant(), r.getDouble(2), r.getInt(3)));
          }
        }
        return samples;
      }
    });
  }

  /**
   * Buckets aligned to the Unix epoch (so whole hours and UTC days); a bucket is at least one minute. Hour and day
   * buckets are the whole buckets that start in [from, to); other widths cover the readings in [from, to).
   */
  public Future<List<BucketStats>> bucketed(int sensorId, Instant from, Instant to, Duration bucket) {
    if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
      return Future.failedFuture(new IllegalArgumentException("bucket must be at least one minute"));
    }
    String table = precomputed(bucket);
    if (table == null) {
      return database.withConnection(c -> fromRaw(c, sensorId, from, to, bucket));
    }
    return database.withConnection(c -> database.timescale()
        ? fromAggregate(c, table, sensorId, from, to)
        : fromRollup(c, table, sensorId, bucketStart(from, bucket), bucketStart(to, bucket), bucket));
  }

  /** The continuous aggregate (TimescaleDB) or rollup (plain PostgreSQL) of this bucket width, or null. */
  private String precomputed(Duration bucket) {
    if (bucket.equals(Duration.ofHours(1))) {
      return database.timescale() ? "reading_hourly" : "reading_hourly_rollup";
    }
    if (bucket.equals(Duration.ofDays(1))) {
      return database.timescale() ? "reading_daily" : "reading_daily_rollup";
    }
    return null;
  }

  /** The start of the first bucket at or after the instant. */
  private static Instant bucketStart(Instant at, Duration bucket) {
    long width = bucket.toSeconds();
    long seconds = Math.floorDiv(at.getEpochSecond(), width) * width;
    return seconds == at.getEpochSecond() && at.getNano() == 0 ? at : Instant.ofEpochSecond(seconds + width);
  }

  private static List<BucketStats> fromAggregate(
      Connection c, String view, int sensorId, Instant from, Instant to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FROM_AGGREGATE.formatted(view))) {
      s.setInt(1, sensorId);
      s.setTimestamp(2, Timestamp.from(from));
      s.setTimestamp(3, Timestamp.from(to));
      s.setInt(4, MAX_ROWS);
      return buckets(s);
    }
  }

  private static List<BucketStats> fromRollup(
      Connection c, String table, int sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
    String width = bucket.toSeconds() + " seconds";
    try (PreparedStatement s = c.prepareStatement(FROM_ROLLUP.formatted(table))) {
      s.setString(1, width);
      s.setInt(2, sensorId);
      s.setTimestamp(3, Timestamp.from(from));
      s.setTimestamp(4, Timestamp.from(to));
      s.setString(5, width);
      s.setInt(6, sensorId);
      s.setTimestamp(7, Timestamp.from(from));
      s.setTimestamp(8, Timestamp.from(to));
      s.setInt(9, MAX_ROWS);
      return buckets(s);
    }
  }

  private static List<BucketStats> fromRaw(
      Connection c, int sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FROM_RAW)) {
      s.setString(1, bucket.toSeconds() + " seconds");
      s.setInt(2, sensorId);
      s.setTimestamp(3, Timestamp.from(from));
      s.setTimestamp(4, Timestamp.from(to));
      s.setInt(5, MAX_ROWS);
      return buckets(s);
    }
  }

  private static List<BucketStats> buckets(PreparedStatement s) throws SQLException {
    List<BucketStats> buckets = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        buckets.add(new BucketStats(r.getTimestamp(1).toInstant(), r.getDouble(2), r.getDouble(3),
            r.getDouble(4), r.getDouble(5), r.getLong(6)));
      }
    }
    return buckets;
  }

  private static int checkedLimit(int limit) {
    if (limit < 1 || limit > MAX_ROWS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_ROWS);
    }
    return limit;
  }
}
