package org.geohazard.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.geohazard.api.problem.ApiException;

/**
 * Opaque page cursors: the sort key of the last item of a page, base64url-encoded. A cursor this API did not issue
 * is an {@code invalid-cursor} problem.
 */
public final class Cursor {
  private static final long LATEST_MICROS = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

  /** A position of a list ordered by time, then id. */
  public record TimeAndId(Instant at, long id) {
  }

  private Cursor() {
  }

  public static String encode(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor holds; null for no cursor. */
  public static String decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  public static String ofId(long id) {
    return encode(String.valueOf(id));
  }

  /** The id a cursor holds; null for no cursor. */
  public static Long id(String cursor) {
    long[] parts = parts(cursor, 1);
    return parts == null ? null : parts[0];
  }

  /** A cursor of several numbers. */
  public static String of(String... parts) {
    return encode(String.join("|", parts));
  }

  /** The numbers of a cursor made by {@link #of}; null for no cursor. */
  public static long[] parts(String cursor, int count) {
    String position = decode(cursor);
    if (position == null) {
      return null;
    }
    String[] text = position.split("\\|", -1);
    if (text.length != count) {
      throw invalid();
    }
    try {
      long[] parts = new long[count];
      for (int i = 0; i < count; i++) {
        parts[i] = Long.parseLong(text[i]);
      }
      return parts;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  public static String ofTimeAndId(Instant at, long id) {
    return of(String.valueOf(micros(at)), String.valueOf(id));
  }

  /** The time and id of a cursor made by {@link #ofTimeAndId}; null for no cursor. */
  public static TimeAndId timeAndId(String cursor) {
    long[] parts = parts(cursor, 2);
    return parts == null ? null : new TimeAndId(time(parts[0]), parts[1]);
  }

  public static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }

  /** A time a cursor carries, in microseconds since 1970; invalid-cursor when outside 1970-2200. */
  public static Instant time(long micros) {
    if (micros < 0 || micros > LATEST_MICROS) {
      throw invalid();
    }
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  public static ApiException invalid() {
    return ApiException.invalid("invalid-cursor", "Invalid cursor", "the cursor was not issued by this API");
  }
}
