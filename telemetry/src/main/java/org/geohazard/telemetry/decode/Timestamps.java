package org.geohazard.telemetry.decode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Sample times of the device contract: epoch milliseconds, or RFC 3339 text with an offset. */
final class Timestamps {
  /** Earliest plausible sample time: 2000-01-01T00:00:00Z. */
  static final long EARLIEST = 946_684_800_000L;

  private Timestamps() {
  }

  /** The time in epoch milliseconds, or null when the value is no valid timestamp. */
  static Long parse(Object ts) {
    if (ts instanceof Number n) {
      double millis = n.doubleValue();
      if (!Double.isFinite(millis) || millis != Math.rint(millis) || Math.abs(millis) > 1e15) {
        return null;
      }
      return n.longValue();
    }
    if (ts instanceof String text) {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    return null;
  }
}
