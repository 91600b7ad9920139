package org.geohazard.alerts.delivery;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * FCM's answer to one message. {@code errorCode} is FCM's own ({@code UNREGISTERED}, {@code SENDER_ID_MISMATCH},
 * {@code INVALID_ARGUMENT}, {@code QUOTA_EXCEEDED}, {@code UNAVAILABLE}, {@code INTERNAL},
 * {@code THIRD_PARTY_AUTH_ERROR}), read from the error's FcmError detail; null when there is none (an HTTP error
 * without it, such as an expired access token, or no answer at all).
 */
record FcmAnswer(boolean delivered, String errorCode, String error, Duration retryAfter) {
  static final FcmAnswer DELIVERED = new FcmAnswer(true, null, null, Duration.ZERO);
  private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

  static FcmAnswer of(int status, String body, Duration retryAfter) {
    String code = null;
    String message = body;
    try {
      JsonObject error = body == null || body.isBlank() ? null : new JsonObject(body).getJsonObject("error");
      if (error != null) {
        message = error.getString("message", body);
        JsonArray details = error.getJsonArray("details", new JsonArray());
        for (int i = 0; i < details.size(); i++) {
          if (details.getValue(i) instanceof JsonObject detail && FCM_ERROR.equals(detail.getString("@type"))) {
            code = detail.getString("errorCode");
          }
        }
      }
    } catch (DecodeException | ClassCastException notJson) {
      // a proxy's or load balancer's page: its text is the reason
    }
    // FCM's name for an APNs certificate or key it could not use
    code = "APNS_AUTH_ERROR".equals(code) ? "THIRD_PARTY_AUTH_ERROR" : code;
    return new FcmAnswer(false, code, (code == null ? "HTTP " + status : code) + ": " + message, retryAfter);
  }

  static FcmAnswer unreachable(Throwable e) {
    return new FcmAnswer(false, null, "FCM not reached: " + e, Duration.ZERO);
  }
}
