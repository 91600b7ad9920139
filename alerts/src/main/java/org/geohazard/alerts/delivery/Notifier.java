package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.geohazard.alerts.RecipientPolicy;
import org.geohazard.alerts.Recipients;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.domain.WarningLevel;

/**
 * Turns a change of a point's warning into outbox rows, in the same transaction. Who is told: the new level's
 * recipients; on a level down also everyone this alert told at a higher level (they were told to act and hear what
 * the lower level means for them); at the end everyone the alert ever told (its outbox history) and the last level's
 * recipients. Sirens go on when the level reaches one whose policy sounds them, and off when it leaves it; at the end
 * every siren the alert switched on and did not switch off is switched off, whatever the policy says by then. Faster
 * sampling from yellow up, the normal interval again below. The same level again sends nothing.
 */
public final class Notifier {
  private static final String POINT = "SELECT name, evacuation_plan FROM hazard_point WHERE code = ?";

  private final DeliveryConfig config;

  public Notifier(DeliveryConfig config) {
    this.config = config;
  }

  /** Calls for help, delivered like this notifier's messages. */
  public HelpNotifier help() {
    return new HelpNotifier(config);
  }

  /** Returns the number of outbox rows written. */
  public int warningChanged(Connection c, long alertId, String point, Optional<WarningLevel> from,
      Optional<WarningLevel> to, boolean drill) throws SQLException {
    if (from.equals(to)) {
      return 0;
    }
    JsonObject pointInfo = pointInfo(c, point);
    OutboxWriter outbox = new OutboxWriter(c);
    RecipientPolicy before = from.isPresent() ? Recipients.policy(c, point, from.get()) : null;
    RecipientPolicy after = to.isPresent() ? Recipients.policy(c, point, to.get()) : null;
    WarningLevel shown = to.orElseGet(from::get);
    String event = from.isEmpty() ? "raised" : to.isEmpty() ? "ended" : to.get().isAbove(from.get()) ? "level_up"
        : "level_down";
    JsonObject message = Messages.warning(alertId, point, pointInfo, shown, event, drill);
    List<Long> people = audience(c, alertId, point, event, shown, after != null ? after : before);
    String purpose = to.isPresent() ? "notify" : "all_clear";
    outbox.toPeople(alertId, people, "push", purpose, message, drill);
    if (config.smsEnabled()) {
      outbox.toPeople(alertId, people, "sms", purpose, message, drill);
    }
    boolean sirensBefore = before != null && before.sirens();
    boolean sirensAfter = after != null && after.sirens();
    if (sirensAfter && !sirensBefore) {
      for (String siren : Recipients.sirens(c, point)) {
        outbox.toDevice(alertId, siren, "siren", "notify", Messages.siren(true, config, drill), drill);
      }
    } else if (!sirensAfter && (sirensBefore || to.isEmpty())) {
      Set<String> sirens = new LinkedHashSet<>(Recipients.sirensStillOn(c, alertId));
      if (sirensBefore) {
        sirens.addAll(Recipients.sirens(c, point));
      }
      for (String siren : sirens) {
        outbox.toDevice(alertId, siren, "siren", purpose, Messages.siren(false, config, drill), drill);
      }
    }
    boolean fastBefore = from.isPresent() && from.get().severity() >= WarningLevel.YELLOW.severity();
    boolean fastAfter = to.isPresent() && to.get().severity() >= WarningLevel.YELLOW.severity();
    if (fastBefore != fastAfter) {
      for (Recipients.SampledDevice device : Recipients.sampledDevices(c, point)) {
        int interval = fastAfter ? Math.min(config.fastSamplingSeconds(), device.intervalSeconds())
            : device.intervalSeconds();
        outbox.toDevice(alertId, device.id(), "sampling", fastAfter ? "notify" : "all_clear",
            Messages.sampling(interval), drill);
      }
    }
    return outbox.flush();
  }

  /**
   * The level's recipients; on a level down also those told at a higher level of this alert; at the end also
   * everyone the alert told. Each person once.
   */
  private static List<Long> audience(Connection c, long alertId, String point, String event, WarningLevel shown,
      RecipientPolicy policy) throws SQLException {
    Set<Long> people = new LinkedHashSet<>(Recipients.people(c, point, policy.roles()));
    if (event.equals("level_down")) {
      people.addAll(Recipients.toldAbove(c, alertId, shown));
    } else if (event.equals("ended")) {
      people.addAll(Recipients.toldBy(c, alertId));
    }
    return new ArrayList<>(people);
  }

  /** A device health alert, raised or cleared, to the duty officers and the point's monitors (never residents). */
  public int deviceHealth(Connection c, long alertId, String point, String title, boolean raised)
      throws SQLException {
    JsonObject message = new JsonObject().put("title", title).put("body", raised
            ? "Check the device: its readings may be missing or wrong." : "The device is back to normal.")
        .put("alert_id", alertId).put("point", point).put("event", raised ? "device_problem" : "device_ok")
        .put("drill", false);
    OutboxWriter outbox = new OutboxWriter(c);
    outbox.toPeople(alertId, Recipients.people(c, point, List.of("duty_officer", "monitor")), "push",
        raised ? "notify" : "all_clear", message, false);
    return outbox.flush();
  }

  /** A reminder of an unanswered alert to the duty officers; returns the rows written. */
  public int reminder(Connection c, long alertId, String point, WarningLevel level, boolean drill)
      throws SQLException {
    return toPeople(c, alertId, point, level, drill, "reminder", Recipients.dutyOfficers(c, point));
  }

  /**
   * An unanswered alert climbs: tier 1 is the leader on duty, tier 2 every leader of the county and the administrators.
   * Returns the rows written.
   */
  public int escalation(Connection c, long alertId, String point, WarningLevel level, boolean drill, int tier)
      throws SQLException {
    return toPeople(c, alertId, point, level, drill, "escalation",
        tier == 1 ? Recipients.leaders(c, point) : Recipients.nextTier(c, point));
  }

  private int toPeople(Connection c, long alertId, String point, WarningLevel level, boolean drill, String purpose,
      List<Long> people) throws SQLException {
    JsonObject message = Messages.warning(alertId, point, pointInfo(c, point), level, purpose, drill);
    OutboxWriter outbox = new OutboxWriter(c);
    outbox.toPeople(alertId, people, "push", purpose, message, drill);
    if (config.smsEnabled()) {
      outbox.toPeople(alertId, people, "sms", purpose, message, drill);
    }
    return outbox.flush();
  }

  private static JsonObject pointInfo(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return new JsonObject().put("name", point);
        }
        return new JsonObject().put("name", r.getString(1))
            .put("evacuation_plan", r.getString(2) == null ? null : new JsonObject(r.getString(2)));
      }
    }
  }
}
