package org.geohazard.api.monitors;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.geohazard.api.Times;
import org.geohazard.api.problem.ApiException;

/** What the contract cannot check about input from the field: text PostgreSQL can store, and plausible times. */
public final class Inputs {
  /** A patrol may be dated this far ahead of the server's clock (phones' clocks drift). */
  static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
  /** ... and this far back (records typed in after a spell without signal). */
  static final Duration OLDEST = Duration.ofDays(366);

  private Inputs() {
  }

  /** The text as given; refused when it holds a NUL character, which PostgreSQL text cannot store. */
  public static String text(JsonObject body, String name) {
    String value = body.getString(name);
    if (value != null && value.indexOf('\0') >= 0) {
      throw ApiException.invalid("invalid-request", "The request does not match the API contract",
          "'" + name + "' must not contain NUL characters");
    }
    return value;
  }

  /** A time of something observed: not later than a few minutes from now, not older than a year. */
  public static Instant observed(Instant at, String name) {
    Instant now = Instant.now();
    if (at.isAfter(now.plus(FUTURE_SKEW))) {
      throw ApiException.invalid("invalid-time", "Time not plausible",
          "'" + name + "' is more than " + FUTURE_SKEW.toMinutes() + " minutes in the future");
    }
    if (at.isBefore(now.minus(OLDEST))) {
      throw ApiException.invalid("invalid-time", "Time not plausible", "'" + name + "' is more than a year ago");
    }
    return at;
  }

  /** A date like 2026-06-01, or null when not given. */
  public static LocalDate date(JsonObject body, String name) {
    String text = body.getString(name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("invalid-date", "Date not valid", "'" + name + "' must be a date like 2026-06-01");
    }
  }

  /**
   * A day something was done (held, started, accepted, investigated), or null when not given: not after today in
   * China Standard Time, where the records are kept (records are kept of what happened).
   */
  public static LocalDate pastDate(JsonObject body, String name) {
    LocalDate day = date(body, name);
    if (day != null && day.isAfter(LocalDate.now(Times.CHINA))) {
      throw ApiException.invalid("invalid-date", "Date not plausible",
          "'" + name + "' is in the future: record it once it happened");
    }
    return day;
  }

  /** Latitude and longitude of an optional location, or null. */
  public static double[] location(JsonObject body) {
    JsonObject location = body.getJsonObject("location");
    return location == null ? null : new double[] {location.getDouble("lat"), location.getDouble("lon")};
  }
}
