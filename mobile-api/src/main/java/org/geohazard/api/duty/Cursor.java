package org.geohazard.api.duty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.geohazard.api.problem.ApiException;

/** Opaque page cursors: the sort key of a page's last row, base64url-encoded. */
final class Cursor {
  private static final long LATEST_MICROS = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;

  private Cursor() {
  }

  static String of(String... parts) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.join("|", parts).getBytes(StandardCharsets.US_ASCII));
  }

  /** A time a cursor carries, in microseconds since 1970; invalid-cursor when outside 1970-2200. */
  static Instant time(long micros) {
    if (micros < 0 || micros > LATEST_MICROS) {
      throw invalid();
    }
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** The parts of a cursor this API issued; null for no cursor; invalid-cursor for anything else. */
  static long[] parts(String cursor, int count) {
    if (cursor == null) {
      return null;
    }
    try {
      String[] text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\|", -1);
      if (text.length != count) {
        throw new IllegalArgumentException("wrong number of parts");
      }
      long[] parts = new long[count];
      for (int i = 0; i < count; i++) {
        parts[i] = Long.parseLong(text[i]);
      }
      return parts;
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.invalid("invalid-cursor", "Invalid cursor", "the cursor was not issued by this API");
  }
}
