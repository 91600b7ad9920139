package org.geohazard.alerts.escalation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.geohazard.alerts.config.HelpRequestPolicy;
import org.geohazard.alerts.delivery.HelpNotifier;
import org.geohazard.alerts.help.HelpRequest;
import org.geohazard.alerts.help.HelpRequestRepository;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps calls for help ringing until a staff member takes them on: every reminder interval an open request goes
 * again to the duty officers, the point's monitors and responsible persons; once it has waited the escalation delay it
 * goes to the leader on duty, who then gets the reminders too. A request stops when taken on, when the resident checks
 * in safe or evacuated, or when its alert ends (this round marks those ended). Each round runs in one transaction with
 * the requests locked (SKIP LOCKED), so several gateways never remind twice.
 */
public final class HelpRequestReminders {
  private static final Logger LOG = LoggerFactory.getLogger(HelpRequestReminders.class);

  private final DataSource dataSource;
  private final HelpRequestPolicy policy;
  private final HelpNotifier notifier;

  public HelpRequestReminders(DataSource dataSource, HelpRequestPolicy policy, HelpNotifier notifier) {
    this.dataSource = dataSource;
    this.policy = policy;
    this.notifier = notifier;
  }

  /** One round; returns the number of outbox rows written. Blocking. */
  public int runOnce() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Database.inTransaction(connection, c -> {
        int ended = HelpRequestRepository.endWithClosedAlerts(c);
        if (ended > 0) {
          LOG.warn("{} call(s) for help nobody took on stopped ringing: their alert ended", ended);
        }
        int written = 0;
        Instant now = Instant.now();
        for (HelpRequest request : HelpRequestRepository.lockOpen(c)) {
          // the leader on duty gets reminders from the round after the escalation, not both in one
          boolean leaderToo = request.escalatedAt() != null;
          if (!leaderToo && elapsed(request.askedAt(), now, policy.escalateAfter())) {
            written += notifier.escalation(c, request);
            HelpRequestRepository.escalated(c, request.id());
            LOG.warn("[point: {}] call for help {} not taken on for {} s: escalated to the leader on duty",
                request.point(), request.id(), Duration.between(request.askedAt(), now).toSeconds());
          }
          Instant last = request.lastRemindedAt() == null ? request.askedAt() : request.lastRemindedAt();
          if (elapsed(last, now, policy.reminderEvery())) {
            written += notifier.reminder(c, request, leaderToo);
            HelpRequestRepository.reminded(c, request.id());
          }
        }
        return written;
      });
    }
  }

  private static boolean elapsed(Instant since, Instant now, Duration interval) {
    return !since.plus(interval).isAfter(now);
  }
}
