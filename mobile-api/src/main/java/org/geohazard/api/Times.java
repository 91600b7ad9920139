package org.geohazard.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.geohazard.api.problem.ApiException;

/** Times in requests (RFC 3339 with an offset) and in answers, the same for every operation. */
public final class Times {
  /** Years, months and days of the records are counted in China Standard Time, where the county duty rooms are. */
  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private Times() {
  }

  /** The first instant of the year in China Standard Time. */
  public static Instant yearStart(int year) {
    return OffsetDateTime.of(year, 1, 1, 0, 0, 0, 0, CHINA).toInstant();
  }

  /**
   * An RFC 3339 time with an offset; null when absent. An offset's '+' sent unencoded in a query string arrives as a
   * space and is restored.
   */
  public static Instant parse(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
    } catch (RuntimeException e) {
      throw ApiException.invalid("invalid-request", "The request does not match the API contract",
          "'" + name + "' must be an RFC 3339 time with an offset");
    }
  }

  /** As {@link #parse}, and between 1970 and 2200 (the bounds of a query's range). */
  public static Instant parseWithin(String text, String name) {
    Instant instant = parse(text, name);
    if (instant == null) {
      return null;
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.invalid("invalid-range", "Invalid range", "'" + name + "' must be between 1970 and 2200");
    }
    return instant;
  }

  public static String text(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}
