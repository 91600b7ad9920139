package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.geohazard.alerts.help.HelpRequest;

/**
 * What a call for help says: who needs help, their phone, their note (shortened; whole in the roll call) and their
 * location when given. The push channel reads {@code event} (help_*) to send it urgently on a channel of its own.
 */
final class HelpMessages {
  /** The Android notification channel of calls for help: urgent, apart from the warnings' channels. */
  static final String ANDROID_CHANNEL = "help_request";
  private static final int NOTE_TEXT = 200;

  private HelpMessages() {
  }

  /** Whether an outbox payload is about a call for help. */
  static boolean isHelp(JsonObject payload) {
    return payload.getValue("help_request_id") != null;
  }

  /** The push data of a call for help: which request, and whom to call where (the note is in the body). */
  static void data(JsonObject payload, java.util.Map<String, String> data) {
    data.put("help_request_id", String.valueOf(payload.getLong("help_request_id")));
    data.put("person", String.valueOf(payload.getLong("person")));
    data.put("phone", payload.getString("phone", ""));
    JsonObject location = payload.getJsonObject("location");
    if (location != null) {
      data.put("lat", String.valueOf(location.getDouble("lat")));
      data.put("lon", String.valueOf(location.getDouble("lon")));
    }
  }

  /** {@code event}: help_request, help_reminder, help_escalation or help_update. */
  static JsonObject toStaff(HelpRequest request, String event) {
    String who = request.name() + " needs help at " + request.pointName();
    String title = (request.drill() ? "[DRILL] " : "") + switch (event) {
      case "help_reminder" -> "Nobody has taken this on yet: " + who;
      case "help_escalation" -> "Not taken on in time: " + who;
      case "help_update" -> "Asked again: " + who;
      default -> "Help needed: " + request.name() + " at " + request.pointName();
    };
    StringBuilder body = new StringBuilder("Phone ").append(request.phone()).append('.');
    if (request.note() != null && !request.note().isBlank()) {
      body.append(" \"").append(abbreviated(request.note().strip())).append('"');
    }
    if (request.latitude() != null && request.longitude() != null) {
      body.append(String.format(Locale.ROOT, " Location %.5f, %.5f.", request.latitude(), request.longitude()));
    }
    body.append(" Take it on in the app.");
    return common(request, event).put("title", title).put("body", body.toString());
  }

  /** To the resident: who is coming, and how to reach them. */
  static JsonObject taken(HelpRequest request, String takerName, String takerPhone) {
    return common(request, "help_taken")
        .put("title", (request.drill() ? "[DRILL] " : "") + "Help is coming")
        .put("body", takerName + " (" + takerPhone + ") has your call for help and will contact you.");
  }

  private static JsonObject common(HelpRequest request, String event) {
    JsonObject payload = new JsonObject()
        .put("help_request_id", request.id())
        .put("alert_id", request.alertId())
        .put("point", request.point())
        .put("point_name", request.pointName())
        .put("event", event)
        .put("person", request.personId())
        .put("phone", request.phone())
        .put("drill", request.drill());
    if (request.latitude() != null && request.longitude() != null) {
      payload.put("location", new JsonObject().put("lat", request.latitude()).put("lon", request.longitude()));
    }
    return payload;
  }

  private static String abbreviated(String text) {
    if (text.length() <= NOTE_TEXT) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(NOTE_TEXT - 2)) ? NOTE_TEXT - 2 : NOTE_TEXT - 1;
    return text.substring(0, cut) + "…";
  }
}
