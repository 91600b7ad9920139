package org.geohazard.alerts.delivery;

import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Retry-After header of an FCM error response (seconds), or zero. */
final class RetryAfter {
  private static final Duration LONGEST = Duration.ofMinutes(10);

  private RetryAfter() {
  }

  static Duration of(FirebaseMessagingException e) {
    IncomingHttpResponse response = e.getHttpResponse();
    if (response == null) {
      return Duration.ZERO;
    }
    for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
      if (header.getKey().equalsIgnoreCase("retry-after")) {
        Object value = header.getValue() instanceof List<?> list && !list.isEmpty() ? list.get(0) : header.getValue();
        try {
          Duration wait = Duration.ofSeconds(Long.parseLong(String.valueOf(value).trim()));
          return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
        } catch (NumberFormatException notSeconds) {
          return Duration.ZERO;
        }
      }
    }
    return Duration.ZERO;
  }
}
