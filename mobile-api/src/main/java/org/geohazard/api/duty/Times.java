package org.geohazard.api.duty;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.geohazard.api.problem.ApiException;

/** Times in query parameters and answers. */
final class Times {
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private Times() {
  }

  /**
   * An RFC 3339 time with an offset, between 1970 and 2200; null when absent. The router decodes query values twice,
   * so the '+' of an offset arrives as a space and is restored here.
   */
  static Instant parse(String text, String name) {
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
    } catch (RuntimeException e) {
      throw ApiException.invalid("invalid-request", "The request does not match the API contract",
          "'" + name + "' must be an RFC 3339 time with an offset");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.invalid("invalid-range", "Invalid range", "'" + name + "' must be between 1970 and 2200");
    }
    return instant;
  }

  static String text(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
