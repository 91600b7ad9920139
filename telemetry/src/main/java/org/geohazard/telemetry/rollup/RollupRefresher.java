package org.geohazard.telemetry.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import javax.sql.DataSource;
import org.geohazard.storage.Database;

/**
 * Keeps the hourly and daily rollups of plain PostgreSQL up to date, the way a continuous aggregate is refreshed.
 * One round, in one transaction: take the readings received after the watermark (at most {@code roundLimit}, in
 * receive order), recompute every (sensor, hour) bucket they touch from the raw readings and every (sensor, day)
 * bucket they touch from its hours, and move the watermark past them. Late readings (backlogs uploaded days later)
 * are found by receive time like any other, so the old buckets they land in are recomputed too.
 *
 * <p>The horizon — how far a round may go — stays {@link #DEFAULT_MARGIN} behind the database clock, and that far
 * behind the start of the oldest write transaction still open (for at most {@link #HOLD_LIMIT}): the gateway stamps
 * a reading with its receive time before the batch's transaction begins, and a reading that becomes visible only
 * after the watermark has passed its receive time would never be rolled up. The margin covers the batching delay,
 * a commit and the clock difference between gateways and database (keep them on NTP). A batch whose commit is held
 * back longer than the margin after its transaction starts is covered by the open-transaction rule; one retried
 * across a database outage keeps its old receive times and is not: its buckets are right again at the next reading
 * that lands in them. Blocking: call it on a worker.
 *
 * <p>Rounds take a transaction-scoped advisory lock; a refresher that does not get it skips the round, so several
 * gateways never refresh at once.
 */
public final class RollupRefresher {
  /** Advisory lock key of refresh rounds ("rollup" in ASCII). */
  public static final long LOCK_KEY = 0x726f6c6c7570L;
  public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(10);
  public static final Duration HOLD_LIMIT = Duration.ofMinutes(10);
  /** Readings per round: bounds a round's time and its transaction; a backlog takes several rounds. */
  public static final int DEFAULT_ROUND_LIMIT = 50_000;

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(?)";
  // Short statements with inflated cost estimates: compiling them would take longer than running them.
  private static final String NO_JIT = "SET LOCAL jit = off";
  private static final String POSITION =
      "SELECT received_at, sensor_id, ts FROM reading_rollup_watermark";
  private static final String HORIZON = """
      SELECT least(now() - ?::interval, greatest(now() - ?::interval, coalesce(
          (SELECT min(xact_start) FROM pg_stat_activity
           WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()),
          now()) - ?::interval))""";
  private static final String CREATE_BATCH = """
      CREATE TEMP TABLE IF NOT EXISTS rollup_batch (
          sensor_id integer, ts timestamptz, received_at timestamptz
      ) ON COMMIT DELETE ROWS""";
  // The first condition is implied by the row comparison; it is there for the BRIN index.
  private static final String TAKE_BATCH = """
      INSERT INTO rollup_batch (sensor_id, ts, received_at)
      SELECT sensor_id, ts, received_at FROM reading
      WHERE received_at >= ? AND received_at <= ? AND (received_at, sensor_id, ts) > (?, ?, ?)
      ORDER BY received_at, sensor_id, ts
      LIMIT ?""";
  private static final String LAST_TAKEN = """
      SELECT received_at, sensor_id, ts FROM rollup_batch
      ORDER BY received_at DESC, sensor_id DESC, ts DESC
      LIMIT 1""";
  // One index range scan per touched bucket (LATERAL): left to itself the planner may join the whole table.
  // A bucket holds only in-range readings, so once it has a row it keeps one: readings are never deleted here.
  private static final String RECOMPUTE_HOURS = """
      INSERT INTO reading_hourly_rollup (sensor_id, bucket, min_value, max_value, sum_value, last_value, samples)
      SELECT t.sensor_id, t.bucket, a.min_value, a.max_value, a.sum_value, a.last_value, a.samples
      FROM (SELECT DISTINCT sensor_id, date_bin(INTERVAL '1 hour', ts, timestamptz 'epoch') AS bucket
            FROM rollup_batch) t,
      LATERAL (SELECT min(value) AS min_value, max(value) AS max_value, sum(value) AS sum_value,
                      (array_agg(value ORDER BY ts DESC))[1] AS last_value, count(*) AS samples
               FROM reading
               WHERE sensor_id = t.sensor_id AND ts >= t.bucket AND ts < t.bucket + INTERVAL '1 hour'
                 AND flags & 1 = 0) a
      WHERE a.samples > 0
      ON CONFLICT (sensor_id, bucket) DO UPDATE SET min_value = excluded.min_value,
          max_value = excluded.max_value, sum_value = excluded.sum_value, last_value = excluded.last_value,
          samples = excluded.samples""";
  // Days from their hours (just recomputed above): at most 24 rows a day instead of every reading.
  private static final String RECOMPUTE_DAYS = """
      INSERT INTO reading_daily_rollup (sensor_id, bucket, min_value, max_value, sum_value, last_value, samples)
      SELECT t.sensor_id, t.bucket, a.min_value, a.max_value, a.sum_value, a.last_value, a.samples
      FROM (SELECT DISTINCT sensor_id, date_bin(INTERVAL '1 day', ts, timestamptz 'epoch') AS bucket
            FROM rollup_batch) t,
      LATERAL (SELECT min(min_value) AS min_value, max(max_value) AS max_value, sum(sum_value) AS sum_value,
                      (array_agg(last_value ORDER BY bucket DESC))[1] AS last_value, sum(samples) AS samples
               FROM reading_hourly_rollup
               WHERE sensor_id = t.sensor_id AND bucket >= t.bucket AND bucket < t.bucket + INTERVAL '1 day') a
      WHERE a.samples > 0
      ON CONFLICT (sensor_id, bucket) DO UPDATE SET min_value = excluded.min_value,
          max_value = excluded.max_value, sum_value = excluded.sum_value, last_value = excluded.last_value,
          samples = excluded.samples""";
  private static final String MOVE = """
      UPDATE reading_rollup_watermark SET received_at = ?, sensor_id = ?, ts = ?,
          covered_until = coalesce(?::timestamptz, covered_until), refreshed_at = now()""";

  private final DataSource dataSource;
  private final int roundLimit;
  private final Duration margin;

  public RollupRefresher(DataSource dataSource) {
    this(dataSource, DEFAULT_ROUND_LIMIT, DEFAULT_MARGIN);
  }

  public RollupRefresher(DataSource dataSource, int roundLimit, Duration margin) {
    if (roundLimit < 1) {
      throw new IllegalArgumentException("roundLimit must be at least 1");
    }
    this.dataSource = dataSource;
    this.roundLimit = roundLimit;
    this.margin = margin;
  }

  /** One round. Blocking. */
  public RefreshRound refresh() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Database.inTransaction(connection, this::round);
    }
  }

  private RefreshRound round(Connection c) throws SQLException {
    if (!tryLock(c)) {
      return RefreshRound.skipped();
    }
    update(c, NO_JIT);
    Position from = position(c, POSITION);
    Timestamp horizon = horizon(c);
    if (!horizon.after(from.receivedAt())) {
      return new RefreshRound(true, 0, 0, 0, true);
    }
    int taken = takeBatch(c, from, horizon);
    int hourly = update(c, RECOMPUTE_HOURS);
    int daily = update(c, RECOMPUTE_DAYS);
    boolean caughtUp = taken < roundLimit;
    // Caught up: everything received up to the horizon is in; the position sits after every reading received at
    // the horizon (sensor ids never reach Integer.MAX_VALUE). Otherwise resume after the last reading taken.
    Position to = caughtUp ? new Position(horizon, Integer.MAX_VALUE, horizon) : position(c, LAST_TAKEN);
    move(c, to, caughtUp ? horizon : null);
    return new RefreshRound(true, taken, hourly, daily, caughtUp);
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(TRY_LOCK)) {
      s.setLong(1, LOCK_KEY);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private Timestamp horizon(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HORIZON)) {
      s.setString(1, interval(margin));
      s.setString(2, interval(HOLD_LIMIT));
      s.setString(3, interval(margin));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getTimestamp(1);
      }
    }
  }

  private int takeBatch(Connection c, Position from, Timestamp horizon) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_BATCH);
    }
    try (PreparedStatement s = c.prepareStatement(TAKE_BATCH)) {
      s.setTimestamp(1, from.receivedAt());
      s.setTimestamp(2, horizon);
      s.setTimestamp(3, from.receivedAt());
      s.setInt(4, from.sensorId());
      s.setTimestamp(5, from.ts());
      s.setInt(6, roundLimit);
      return s.executeUpdate();
    }
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static void move(Connection c, Position to, Timestamp coveredUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(MOVE)) {
      s.setTimestamp(1, to.receivedAt());
      s.setInt(2, to.sensorId());
      s.setTimestamp(3, to.ts());
      s.setTimestamp(4, coveredUntil);
      s.executeUpdate();
    }
  }

  private static Position position(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return new Position(r.getTimestamp(1), r.getInt(2), r.getTimestamp(3));
    }
  }

  private static String interval(Duration duration) {
    return duration.toMillis() / 1000.0 + " seconds";
  }

  /** A place in receive order: (received_at, sensor_id, ts) of a reading. */
  private record Position(Timestamp receivedAt, int sensorId, Timestamp ts) {
  }
}
