package org.geohazard.api.monitors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.geohazard.api.problem.ApiException;

/** Opaque page cursors: the position of the last item of a page, newest first. */
final class Cursors {
  /** The position after a patrol: its time and id (patrols are ordered by when they happened). */
  record TimeAndId(Instant at, long id) {
  }

  private Cursors() {
  }

  static String ofId(long id) {
    return encode(String.valueOf(id));
  }

  static Long id(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return Long.parseLong(decode(cursor));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  static String ofTimeAndId(Instant at, long id) {
    long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    return encode(micros + ":" + id);
  }

  static TimeAndId timeAndId(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String[] parts = decode(cursor).split(":", -1);
      if (parts.length != 2) {
        throw invalid();
      }
      long micros = Long.parseLong(parts[0]);
      return new TimeAndId(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1_000L), Long.parseLong(parts[1]));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  private static String encode(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
  }

  private static String decode(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
  }

  private static ApiException invalid() {
    return ApiException.invalid("invalid-cursor", "Invalid cursor", "the cursor was not issued by this API");
  }
}
