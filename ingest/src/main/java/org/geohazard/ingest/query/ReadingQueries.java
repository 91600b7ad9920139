package org.geohazard.ingest.query;

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
import org.geohazard.ingest.db.Database;

/**
 * Time-series reads for charts and the API: raw readings over a range, and readings bucketed into
 * min/max/avg/last. With TimescaleDB, hour and day buckets come from the continuous aggregates; otherwise
 * they are computed from the raw readings.
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

  /** Buckets aligned to the Unix epoch (so whole hours and UTC days); a bucket is at least one minute. */
  public Future<List<BucketStats>> bucketed(int sensorId, Instant from, Instant to, Duration bucket) {
    if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
      return Future.failedFuture(new IllegalArgumentException("bucket must be at least one minute"));
    }
    String aggregate = aggregateFor(bucket);
    return database.withConnection(c -> aggregate != null
        ? fromAggregate(c, aggregate, sensorId, from, to)
        : fromRaw(c, sensorId, from, to, bucket));
  }

  private String aggregateFor(Duration bucket) {
    if (!database.timescale()) {
      return null;
    }
    if (bucket.equals(Duration.ofHours(1))) {
      return "reading_hourly";
    }
    return bucket.equals(Duration.ofDays(1)) ? "reading_daily" : null;
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
