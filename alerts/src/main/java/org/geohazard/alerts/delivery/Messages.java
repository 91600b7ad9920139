package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.domain.WarningLevel;

/** What is sent: the app message of a warning, and the device contract's siren and sampling commands. */
final class Messages {
  private Messages() {
  }

  static JsonObject warning(long alertId, String point, JsonObject pointInfo, WarningLevel level, String event,
      boolean drill) {
    String name = pointInfo.getString("name");
    JsonObject plan = pointInfo.getJsonObject("evacuation_plan");
    String prefix = drill ? "[DRILL] " : "";
    String shown = level.key().toUpperCase(java.util.Locale.ROOT);
    String title = prefix + switch (event) {
      case "ended" -> name + ": warning ended";
      case "level_down" -> name + ": lowered to " + shown;
      case "reminder" -> "Unanswered: " + name + ": " + shown + " warning";
      case "escalation" -> "Not answered in time: " + name + ": " + shown + " warning";
      default -> name + ": " + shown + " warning";
    };
    String body = switch (level) {
      case RED -> "Danger: evacuate now.";
      case ORANGE -> "Warning: get ready to evacuate.";
      case YELLOW -> "Caution: prepare and watch for instructions.";
      case BLUE -> "Watch: the hazard point is under closer observation.";
    };
    if (event.equals("ended")) {
      // everyone the warning told hears this, the evacuated first of all
      body = "The warning has ended: you may return home.";
    } else if (event.equals("level_down")) {
      // also reaches people told to evacuate at a higher level: lower is not safe
      body = "Lowered to " + shown + ", not over: stay away from the slope, do not go home yet.";
    } else if (plan != null && level.severity() >= WarningLevel.ORANGE.severity()) {
      body += " Route: " + plan.getString("route", "-") + ". Assembly point: " + plan.getString("assembly_point", "-")
          + ".";
    }
    return new JsonObject()
        .put("title", title)
        .put("body", body)
        .put("alert_id", alertId)
        .put("point", point)
        .put("point_name", name)
        .put("level", level.key())
        .put("event", event)
        .put("drill", drill)
        .put("guidance", plan);
  }

  static JsonObject siren(boolean on, DeliveryConfig config, boolean drill) {
    JsonObject params = new JsonObject().put("action", on ? "on" : "off");
    if (on) {
      params.put("pattern", drill ? "drill" : "evacuate").put("duration_s", config.sirenDuration().toSeconds());
    }
    return new JsonObject().put("type", "siren").put("params", params);
  }

  static JsonObject sampling(int intervalSeconds) {
    return new JsonObject().put("type", "sampling").put("params", new JsonObject().put("interval_s", intervalSeconds));
  }
}
