package org.geohazard.telemetry.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Receive times of samples sent without a time, by device and sequence number, so that a redelivered sample keeps
 * the time of its first delivery and is stored once. A sequence number seen longer ago than {@link #KEPT} is not a
 * redelivery (the broker has dropped the session by then), so a device that lost its counter is not mistaken for
 * one that repeats itself.
 */
public final class SampleReceipts {
  /** The broker's default session expiry (mqtt.session-expiry-s): nothing older comes back. */
  public static final Duration KEPT = Duration.ofDays(7);

  // Within a batch a redelivery may sit next to its first delivery: the earliest receive time wins. A concurrent
  // first delivery on another gateway is waited for by the conflict check, and its time is then read back.
  private static final String REMEMBER = """
      INSERT INTO sample_receipt AS k (device_id, seq, received_at)
      SELECT DISTINCT ON (device_id, seq) device_id, seq, timestamptz 'epoch' + ts_ms * INTERVAL '1 millisecond'
      FROM reading_stage WHERE seq IS NOT NULL
      ORDER BY device_id, seq, ts_ms
      ON CONFLICT (device_id, seq) DO UPDATE SET received_at = EXCLUDED.received_at
          WHERE k.received_at < EXCLUDED.received_at - %1$d * INTERVAL '1 second'""";
  private static final String FIRST_TIMES = """
      UPDATE reading_stage st SET ts_ms = (extract(epoch FROM k.received_at) * 1000)::bigint
      FROM sample_receipt k
      WHERE st.seq IS NOT NULL AND k.device_id = st.device_id AND k.seq = st.seq""";
  private static final String PRUNE = "DELETE FROM sample_receipt WHERE received_at < now() - ? * INTERVAL '1 second'";

  private SampleReceipts() {
  }

  /** Gives each staged sample without a time the receive time of its first delivery. */
  static void applyFirstReceiveTimes(Statement statement) throws SQLException {
    statement.executeUpdate(REMEMBER.formatted(KEPT.toSeconds()));
    statement.executeUpdate(FIRST_TIMES);
  }

  /** Forgets what no redelivery can need any more; returns the rows removed. Blocking. */
  public static int prune(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PRUNE)) {
      s.setLong(1, KEPT.toSeconds());
      return s.executeUpdate();
    }
  }
}
