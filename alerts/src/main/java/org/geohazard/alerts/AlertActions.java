package org.geohazard.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.CommandChannel;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.engine.RuleRepository;
import org.geohazard.alerts.help.HelpRequests;
import org.geohazard.alerts.lifecycle.AlertKind;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.alerts.lifecycle.Answers;
import org.geohazard.alerts.lifecycle.Drills;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;

/**
 * What people do with alerts — raise one by hand (a monitor's danger report, a duty officer's decision), answer it
 * (叫应), resolve it with a note, run drills — each in one transaction with its audit event and its messages.
 */
public final class AlertActions {
  private final Notifier notifier;

  public AlertActions(DeliveryConfig delivery) {
    this(new Notifier(delivery));
  }

  public AlertActions(Notifier notifier) {
    this.notifier = notifier;
  }

  /** Calls for help, whose messages go out as this deployment delivers them (SMS on or off). */
  public HelpRequests helpRequests() {
    return new HelpRequests(notifier.help());
  }

  /** Whether a drill runs at the point (or across the deployment): what is raised there now is a drill. */
  public static boolean drillActive(Connection c, String point) throws SQLException {
    return Drills.active(c, point);
  }

  /** The id a device acknowledges a command with, for the outbox row that carries it. */
  public static String commandId(long outboxId) {
    return CommandChannel.commandId(outboxId);
  }

  /** A manual alert at a level; it enters the same lifecycle as a warning from the rules. Returns its id. */
  public long raiseManual(Connection connection, String point, WarningLevel level, String title, String note,
      long personId) throws SQLException {
    return Database.inTransaction(connection, c -> {
      boolean drill = Drills.active(c, point);
      long id = AlertRepository.raise(c, point, "manual:" + UUID.randomUUID(), AlertKind.MANUAL, level, title,
          drill, null, personId, note);
      notifier.warningChanged(c, id, point, Optional.empty(), Optional.of(level), drill);
      return id;
    });
  }

  /**
   * 叫应: a person has the alert at its current level. The duty room's answer stops reminders and escalation until the
   * next level up; anyone else's is recorded as received (see {@link Answers}).
   */
  public Answers.Outcome answer(Connection connection, long alertId, long personId) throws SQLException {
    return Database.inTransaction(connection, c -> Answers.answer(c, alertId, personId));
  }

  /**
   * Closes an alert with a note; its recipients get the all-clear, sirens stop and sampling goes back to normal. A
   * resolved warning stays resolved while its level holds: only a higher level raises a new one. Returns false when
   * the alert was not open. Takes the point's lock first, as the evaluator does, so a resolve and an evaluation of
   * the point happen one after the other and the level resolved is the level the alert is at.
   */
  public boolean resolve(Connection connection, long alertId, long personId, String note) throws SQLException {
    return Database.inTransaction(connection, c -> {
      Optional<AlertRepository.AlertInfo> alert = AlertRepository.find(c, alertId);
      if (alert.isEmpty()) {
        return false;
      }
      RuleRepository.lockPoint(c, alert.get().point());
      // read again under the lock: an evaluation may have moved or ended the alert meanwhile
      alert = AlertRepository.find(c, alertId);
      if (alert.isEmpty() || !AlertRepository.resolve(c, alertId, personId, note)) {
        return false;
      }
      AlertRepository.AlertInfo info = alert.get();
      if (info.kind() == AlertKind.WARNING) {
        RuleRepository.setResolvedSeverity(c, info.point(), info.level().map(WarningLevel::severity).orElse(0));
      }
      if (info.kind() != AlertKind.DEVICE && info.level().isPresent()) {
        notifier.warningChanged(c, alertId, info.point(), info.level(), Optional.empty(), info.drill());
      }
      return true;
    });
  }

  /** Starts a drill at a point, or everywhere when the point is null; false when one already runs there. */
  public boolean startDrill(Connection connection, String point, String note, long personId) throws SQLException {
    return Database.inTransaction(connection, c -> Drills.start(c, point, note, personId));
  }

  public boolean stopDrill(Connection connection, String point, long personId) throws SQLException {
    return Database.inTransaction(connection, c -> Drills.stop(c, point, personId));
  }
}
