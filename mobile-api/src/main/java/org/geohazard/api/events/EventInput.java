package org.geohazard.api.events;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.geohazard.api.Times;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;

/**
 * What the contract cannot check about a disaster event (all 400): times not in the future (a few minutes of clock
 * drift aside), an investigation not dated before the event, a hazard point that exists and lies in the event's
 * county, and a preceding alert raised at a point of that county (an alert of another county is not told apart from
 * one that does not exist), no drill, and at the event's point when the event names one.
 */
final class EventInput {
  /** An event may be dated this far ahead of the server's clock (phones' clocks drift). */
  private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

  private EventInput() {
  }

  /** The event of a request's body, its times checked. */
  static EventQueries.NewEvent event(JsonObject body) {
    Instant occurredAt = Times.parseWithin(body.getString("occurred_at"), "occurred_at");
    if (occurredAt.isAfter(Instant.now().plus(FUTURE_SKEW))) {
      throw ApiException.invalid("invalid-time", "Time not plausible",
          "'occurred_at' is in the future: record an event once it happened");
    }
    LocalDate investigatedOn = investigatedOn(body, occurredAt);
    double[] location = Inputs.location(body);
    return new EventQueries.NewEvent(Inputs.text(body, "county").strip(), Inputs.text(body, "township"),
        body.getString("kind"), body.getString("point"), Inputs.text(body, "place"),
        location == null ? null : location[0], location == null ? null : location[1], occurredAt,
        body.getDouble("volume_m3"), body.getInteger("deaths"), body.getInteger("missing"),
        body.getInteger("injured"), body.getInteger("houses_destroyed", 0), body.getInteger("houses_damaged", 0),
        body.getLong("direct_loss_yuan"), body.getInteger("people_warned_safe", 0), body.getLong("alert_id"),
        Inputs.text(body, "investigation"), investigatedOn, Inputs.text(body, "handling"),
        body.getLong("funds_yuan"), Inputs.text(body, "notes"));
  }

  private static LocalDate investigatedOn(JsonObject body, Instant occurredAt) {
    LocalDate day = Inputs.pastDate(body, "investigated_on");
    if (day != null && day.isBefore(occurredAt.atOffset(Times.CHINA).toLocalDate())) {
      throw ApiException.invalid("invalid-date", "Date not plausible",
          "'investigated_on' is before the event occurred (China Standard Time)");
    }
    return day;
  }

  /** The event's point, when it names one, must exist and lie in its county; so must its alert's. */
  static void checkPointAndAlert(Connection c, EventQueries.NewEvent event) throws SQLException {
    if (event.point() != null) {
      String county = EventQueries.pointCounty(c, event.point()).orElseThrow(() -> ApiException.invalid(
          "unknown-point", "Unknown hazard point", "there is no hazard point " + event.point()
              + "; leave 'point' out for an event off the register"));
      if (!county.equals(event.county())) {
        throw ApiException.invalid("point-in-another-county", "Hazard point in another county",
            "hazard point " + event.point() + " is in " + county + ", not in " + event.county());
      }
    }
    if (event.alertId() == null) {
      return;
    }
    EventQueries.PrecedingAlert alert = EventQueries.alert(c, event.alertId())
        .filter(a -> a.county().equals(event.county())).orElseThrow(() -> ApiException.invalid("unknown-alert",
            "Unknown alert", "there is no alert " + event.alertId() + " at a hazard point of " + event.county()));
    if (alert.drill()) {
      throw ApiException.invalid("drill-alert", "Alert of a drill",
          "alert " + event.alertId() + " was raised in a drill, not as a warning of this event");
    }
    if (event.point() != null && !alert.point().equals(event.point())) {
      throw ApiException.invalid("alert-elsewhere", "Alert raised at another point", "alert " + event.alertId()
          + " was raised at hazard point " + alert.point() + ", not at " + event.point());
    }
  }
}
