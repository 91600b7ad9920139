package org.geohazard.alerts.escalation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.geohazard.alerts.config.EscalationPolicy;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps unanswered warnings ringing: every reminder interval of its level an open alert the duty room has not answered
 * is sent again to the duty officers; once its escalation delay has passed it goes to the leader on duty, and after
 * twice that delay to the next tier — every leader of the county and the administrators. Times count from the raise
 * or the last level up: a level up clears the answer and starts the chain again (叫应 per level). Each round runs in one transaction with the
 * alerts locked (SKIP LOCKED), so several gateways never remind twice.
 */
public final class EscalationScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationScheduler.class);
  private static final String DUE = """
      SELECT id, point_code, level, coalesce(level_since, raised_at), last_reminded_at, escalation_tier, drill FROM alert
      WHERE closed_at IS NULL AND answered_at IS NULL AND level IS NOT NULL AND kind IN ('warning', 'manual')
      ORDER BY id
      FOR UPDATE SKIP LOCKED""";
  private static final String REMINDED =
      "UPDATE alert SET reminders = reminders + 1, last_reminded_at = now() WHERE id = ?";
  private static final String ESCALATED =
      "UPDATE alert SET escalated_at = now(), escalation_tier = escalation_tier + 1 WHERE id = ?";

  private final DataSource dataSource;
  private final EscalationPolicy policy;
  private final Notifier notifier;

  public EscalationScheduler(DataSource dataSource, EscalationPolicy policy, Notifier notifier) {
    this.dataSource = dataSource;
    this.policy = policy;
    this.notifier = notifier;
  }

  /** One round; returns the number of reminders and escalations written. Blocking. */
  public int runOnce() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Database.inTransaction(connection, c -> {
        int written = 0;
        Instant now = Instant.now();
        try (PreparedStatement due = c.prepareStatement(DUE); ResultSet r = due.executeQuery()) {
          while (r.next()) {
            long id = r.getLong(1);
            String point = r.getString(2);
            Optional<WarningLevel> level = WarningLevel.byKey(r.getString(3));
            if (level.isEmpty()) {
              continue;
            }
            Instant since = r.getTimestamp(4).toInstant();
            Instant lastReminded = r.getTimestamp(5) == null ? since : r.getTimestamp(5).toInstant();
            int tier = r.getInt(6);
            boolean drill = r.getBoolean(7);
            if (elapsed(lastReminded, now, policy.reminderEvery().get(level.get()))) {
              written += notifier.reminder(c, id, point, level.get(), drill);
              update(c, REMINDED, id);
            }
            Duration delay = policy.escalateAfter().get(level.get());
            if (tier < 2 && elapsed(since, now, delay.multipliedBy(tier + 1L))) {
              written += notifier.escalation(c, id, point, level.get(), drill, tier + 1);
              update(c, ESCALATED, id);
              LOG.warn("[point: {}] alert {} unanswered for {} s: escalated to {}", point, id,
                  Duration.between(since, now).toSeconds(), tier == 0 ? "the leader on duty" : "the next tier");
            }
          }
        }
        return written;
      });
    }
  }

  private static boolean elapsed(Instant since, Instant now, Duration interval) {
    return !since.plus(interval).isAfter(now);
  }

  private static void update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }
}
