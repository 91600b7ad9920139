package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The visible text and data of one app push, kept under FCM's payload limit by construction. FCM refuses (400
 * INVALID_ARGUMENT) a message whose payload passes 4,096 bytes, and APNs holds a notification to the same limit, yet a
 * registry may hold an evacuation plan of several kilobytes (a 1,000-character route in Chinese is 3,000 bytes alone).
 * The guidance is therefore shortened here — field by field, then left out — and the message says so
 * ({@code guidance_truncated}); the app reads the whole plan from {@code /me/warnings}. The outbox keeps the message
 * whole.
 */
record PushPayload(String title, String body, Map<String, String> data) {
  /** FCM's limit on a message's payload (notification and data), and APNs's on what FCM forwards. */
  static final int FCM_LIMIT = 4_096;
  /** What this side allows itself: room for the APNs wrapping FCM adds ("aps", sound, interruption level). */
  static final int BUDGET = 3_584;
  private static final int TITLE_BYTES = 240;
  private static final int BODY_BYTES = 960;
  private static final String[] GUIDANCE_TEXT = {"assembly_point", "signal", "shelter", "route"};

  static PushPayload of(JsonObject payload, Map<String, String> data) {
    String title = fit(payload.getString("title", ""), TITLE_BYTES);
    String body = fit(payload.getString("body", ""), BODY_BYTES);
    Map<String, String> shaped = new LinkedHashMap<>(data);
    JsonObject guidance = payload.getJsonObject("guidance");
    if (guidance != null) {
      shaped.put("guidance", guidance.encode());
      if (size(title, body, shaped) > BUDGET) {
        shaped.put("guidance_truncated", "true");
        shaped.put("guidance", shortened(guidance, BUDGET - size(title, body, withoutGuidance(shaped))).encode());
        if (size(title, body, shaped) > BUDGET) {
          shaped.remove("guidance");
        }
      }
    }
    return new PushPayload(title, body, shaped);
  }

  /** The payload's size as FCM counts it: the notification's and the data's JSON, in UTF-8. */
  static int size(String title, String body, Map<String, String> data) {
    return bytes(new JsonObject().put("title", title).put("body", body).encode())
        + bytes(new JsonObject(new LinkedHashMap<>(data)).encode());
  }

  int size() {
    return size(title, body, data);
  }

  private static Map<String, String> withoutGuidance(Map<String, String> data) {
    Map<String, String> copy = new LinkedHashMap<>(data);
    copy.remove("guidance");
    return copy;
  }

  /**
   * The plan within {@code room} bytes (its JSON, as the data's value, is escaped once more): the phones whole, then
   * each text shortened to an equal share of what is left, the route last.
   */
  private static JsonObject shortened(JsonObject guidance, int room) {
    JsonObject out = new JsonObject();
    JsonArray phones = guidance.getJsonArray("contact_phones");
    if (phones != null) {
      out.put("contact_phones", phones);
    }
    // every character of the JSON value may be escaped once more in the data; quotes and keys cost a little too
    int left = room / 2 - bytes(out.encode()) - 100;
    int texts = 0;
    for (String key : GUIDANCE_TEXT) {
      if (guidance.getValue(key) instanceof String) {
        texts++;
      }
    }
    if (texts == 0 || left <= 0) {
      return out;
    }
    int share = left / texts;
    for (String key : GUIDANCE_TEXT) {
      if (guidance.getValue(key) instanceof String text) {
        out.put(key, fit(text, share));
      }
    }
    return out;
  }

  /** The text within {@code maxBytes} bytes of UTF-8, cut between characters and marked with an ellipsis. */
  static String fit(String text, int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return text;
    }
    String ellipsis = "…";
    int budget = maxBytes - bytes(ellipsis);
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int length = bytes(new String(Character.toChars(codePoint)));
      if (used + length > budget) {
        break;
      }
      out.appendCodePoint(codePoint);
      used += length;
      i += Character.charCount(codePoint);
    }
    return out.append(ellipsis).toString();
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
