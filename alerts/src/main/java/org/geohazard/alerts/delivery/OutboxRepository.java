package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Leasing due outbox rows and recording what became of them. */
final class OutboxRepository {
  private static final String LEASE = """
      UPDATE outbox SET state = 'sending', lease_until = now() + ? * INTERVAL '1 millisecond',
          attempts = attempts + 1
      WHERE id IN (
          SELECT id FROM outbox
          WHERE (state = 'pending' AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until < now())
          ORDER BY id
          LIMIT ?
          FOR UPDATE SKIP LOCKED)
      RETURNING id, alert_id, person_id, device_id, channel, purpose, payload, drill, attempts, created_at""";
  private static final String SENT = """
      UPDATE outbox SET state = 'sent', sent_at = now(), lease_until = NULL, result = ?::jsonb, last_error = NULL
      WHERE id = ?""";
  private static final String RETRY = """
      UPDATE outbox SET state = 'pending', lease_until = NULL, last_error = ?, result = coalesce(?::jsonb, result),
          next_attempt_at = now() + ? * INTERVAL '1 millisecond'
      WHERE id = ?""";
  private static final String FAILED = """
      UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?, result = coalesce(?::jsonb, result)
      WHERE id = ?""";

  private OutboxRepository() {
  }

  static List<OutboxRow> lease(Connection c, int limit, Duration lease) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LEASE)) {
      s.setLong(1, lease.toMillis());
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new OutboxRow(r.getLong(1), r.getLong(2), (Long) r.getObject(3), r.getString(4), r.getString(5),
              r.getString(6), new JsonObject(r.getString(7)), r.getBoolean(8), r.getInt(9),
              r.getTimestamp(10).toInstant()));
        }
      }
    }
    rows.sort(java.util.Comparator.comparingLong(OutboxRow::id));
    return rows;
  }

  static void record(Connection c, Map<Long, Outcome> outcomes) throws SQLException {
    try (PreparedStatement sent = c.prepareStatement(SENT); PreparedStatement retry = c.prepareStatement(RETRY);
        PreparedStatement failed = c.prepareStatement(FAILED)) {
      for (Map.Entry<Long, Outcome> entry : outcomes.entrySet()) {
        Outcome outcome = entry.getValue();
        String result = outcome.result() == null ? null : outcome.result().encode();
        switch (outcome.kind()) {
          case SENT -> {
            sent.setString(1, result == null ? "{}" : result);
            sent.setLong(2, entry.getKey());
            sent.addBatch();
          }
          case RETRY -> {
            retry.setString(1, outcome.error());
            retry.setString(2, result);
            retry.setLong(3, outcome.retryAfter().toMillis());
            retry.setLong(4, entry.getKey());
            retry.addBatch();
          }
          case FAILED -> {
            failed.setString(1, outcome.error());
            failed.setString(2, result);
            failed.setLong(3, entry.getKey());
            failed.addBatch();
          }
        }
      }
      sent.executeBatch();
      retry.executeBatch();
      failed.executeBatch();
    }
  }
}
