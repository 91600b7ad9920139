package org.geohazard.alerts.delivery;

import java.time.Duration;

/** The Retry-After header of an FCM error response (seconds), or zero. */
final class RetryAfter {
  private static final Duration LONGEST = Duration.ofMinutes(10);

  private RetryAfter() {
  }

  static Duration of(String header) {
    if (header == null) {
      return Duration.ZERO;
    }
    try {
      Duration wait = Duration.ofSeconds(Long.parseLong(header.trim()));
      return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    } catch (NumberFormatException notSeconds) {
      return Duration.ZERO;
    }
  }
}
