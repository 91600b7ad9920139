package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Leasing due outbox rows and recording what became of them. Every outcome is fenced by the lease it was sent under
 * ({@code WHERE id = ? AND lease = ?}): a dispatcher whose lease ran out records nothing over a later one's outcome.
 */
final class OutboxRepository {
  /**
   * Due rows of the given channels, oldest first. A row waits while an older row of the same alert to the same person
   * (or, for a command, to the same device) over the same channel is in flight, so a recipient never gets a newer
   * message before an older one that was already on its way.
   */
  private static final String LEASE = """
      UPDATE outbox SET state = 'sending', lease = ?::uuid, lease_until = now() + ? * INTERVAL '1 millisecond',
          attempts = attempts + 1
      WHERE id IN (
          SELECT o.id FROM outbox o
          WHERE o.channel = ANY (?)
            AND ((o.state = 'pending' AND o.next_attempt_at <= now()) OR (o.state = 'sending' AND o.lease_until < now()))
            AND NOT EXISTS (
                SELECT 1 FROM outbox e
                WHERE o.person_id IS NOT NULL AND e.lease_until >= now() AND e.channel = o.channel
                  AND e.alert_id = o.alert_id AND e.person_id = o.person_id AND e.id < o.id)
            AND NOT EXISTS (
                SELECT 1 FROM outbox e
                WHERE o.device_id IS NOT NULL AND e.lease_until >= now() AND e.device_id = o.device_id
                  AND e.channel = o.channel AND e.id < o.id)
          ORDER BY o.id
          LIMIT ?
          FOR UPDATE SKIP LOCKED)
      RETURNING id, alert_id, person_id, device_id, channel, purpose, payload, drill, attempts, created_at""";
  /**
   * Claims rows of a lease for one call of their channel: those still held by the lease and still to be sent (not
   * superseded since), with the lease stretched to cover the call, so a slow call never lets another dispatcher send
   * the same rows meanwhile. A row whose lease another dispatcher has taken over is not claimed (its token changed).
   */
  private static final String CLAIM = """
      UPDATE outbox SET lease_until = greatest(lease_until, now() + ? * INTERVAL '1 millisecond')
      WHERE id = ANY (?) AND lease = ?::uuid AND state = 'sending'
      RETURNING id""";
  // A row superseded while in flight stays superseded unless it did go out: then 'sent' is what happened. One
  // statement for all of a call's sent rows (a village is a thousand of them).
  private static final String SENT = """
      UPDATE outbox o SET state = 'sent', sent_at = now(), lease = NULL, lease_until = NULL, result = s.result::jsonb,
          last_error = NULL
      FROM unnest(?::bigint[], ?::text[]) AS s (id, result)
      WHERE o.id = s.id AND o.lease = ?::uuid""";
  private static final String RETRY = """
      UPDATE outbox SET state = CASE WHEN state = 'superseded' THEN state ELSE 'pending' END, lease = NULL,
          lease_until = NULL, last_error = ?, result = coalesce(?::jsonb, result),
          next_attempt_at = now() + ? * INTERVAL '1 millisecond'
      WHERE id = ? AND lease = ?::uuid""";
  private static final String ENDED = """
      UPDATE outbox SET state = CASE WHEN state = 'superseded' THEN state ELSE ? END, lease = NULL,
          lease_until = NULL, last_error = ?, result = coalesce(?::jsonb, result)
      WHERE id = ? AND lease = ?::uuid""";
  /** Rows leased but never handed to their channel: due again at once, and the lease did not count as an attempt. */
  private static final String RELEASE = """
      UPDATE outbox SET state = CASE WHEN state = 'sending' THEN 'pending' ELSE state END, lease = NULL,
          lease_until = NULL, attempts = greatest(attempts - 1, 0)
      WHERE id = ANY (?) AND lease = ?::uuid""";

  private OutboxRepository() {
  }

  /** Leases up to {@code limit} due rows of any channel (tests, and a dispatcher with a single lane). */
  static List<OutboxRow> lease(Connection c, int limit, Duration lease) throws SQLException {
    return lease(c, List.of("push", "sms", "siren", "sampling"), limit, lease, UUID.randomUUID());
  }

  static List<OutboxRow> lease(Connection c, Collection<String> channels, int limit, Duration lease, UUID token)
      throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    // an alert's message to a village is one payload in a thousand rows: read once (the rows never change it)
    Map<String, JsonObject> payloads = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(LEASE)) {
      s.setString(1, token.toString());
      s.setLong(2, lease.toMillis());
      s.setArray(3, c.createArrayOf("text", channels.toArray()));
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new OutboxRow(r.getLong(1), r.getLong(2), (Long) r.getObject(3), r.getString(4), r.getString(5),
              r.getString(6), payloads.computeIfAbsent(r.getString(7), JsonObject::new), r.getBoolean(8), r.getInt(9),
              r.getTimestamp(10).toInstant()));
        }
      }
    }
    rows.sort(Comparator.comparingLong(OutboxRow::id));
    return rows;
  }

  static Set<Long> claim(Connection c, Collection<Long> ids, UUID token, Duration call) throws SQLException {
    Set<Long> held = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(CLAIM)) {
      s.setLong(1, call.toMillis());
      s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      s.setString(3, token.toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          held.add(r.getLong(1));
        }
      }
    }
    return held;
  }

  /** Records outcomes under the lease; returns how many rows were still held by it (the others are left alone). */
  static int record(Connection c, Map<Long, Outcome> outcomes, UUID token) throws SQLException {
    String lease = token.toString();
    int recorded = 0;
    List<Long> sentIds = new ArrayList<>();
    List<String> sentResults = new ArrayList<>();
    try (PreparedStatement retry = c.prepareStatement(RETRY); PreparedStatement ended = c.prepareStatement(ENDED)) {
      for (Map.Entry<Long, Outcome> entry : outcomes.entrySet()) {
        Outcome outcome = entry.getValue();
        String result = outcome.result() == null ? null : outcome.result().encode();
        if (outcome.kind() == Outcome.Kind.SENT) {
          sentIds.add(entry.getKey());
          sentResults.add(result == null ? "{}" : result);
        } else if (outcome.kind() == Outcome.Kind.RETRY) {
          retry.setString(1, outcome.error());
          retry.setString(2, result);
          retry.setLong(3, outcome.retryAfter().toMillis());
          retry.setLong(4, entry.getKey());
          retry.setString(5, lease);
          retry.addBatch();
        } else {
          ended.setString(1, outcome.kind() == Outcome.Kind.FAILED ? "failed" : "expired");
          ended.setString(2, outcome.error());
          ended.setString(3, result);
          ended.setLong(4, entry.getKey());
          ended.setString(5, lease);
          ended.addBatch();
        }
      }
      for (PreparedStatement statement : List.of(retry, ended)) {
        for (int count : statement.executeBatch()) {
          recorded += Math.max(count, 0);
        }
      }
    }
    if (!sentIds.isEmpty()) {
      try (PreparedStatement sent = c.prepareStatement(SENT)) {
        sent.setArray(1, c.createArrayOf("bigint", sentIds.toArray()));
        sent.setArray(2, c.createArrayOf("text", sentResults.toArray()));
        sent.setString(3, lease);
        recorded += sent.executeUpdate();
      }
    }
    return recorded;
  }

  static void release(Connection c, Collection<Long> ids, UUID token) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(RELEASE)) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      s.setString(2, token.toString());
      s.executeUpdate();
    }
  }
}
