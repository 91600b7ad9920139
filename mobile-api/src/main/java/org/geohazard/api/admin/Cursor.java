package org.geohazard.api.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.geohazard.api.problem.ApiException;

/** Opaque page cursors: the sort key of the last item of a page, base64url-encoded. */
public final class Cursor {
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

  /** A cursor holding a number (an id). */
  public static Long decodeLong(String cursor) {
    String position = decode(cursor);
    if (position == null) {
      return null;
    }
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  public static ApiException invalid() {
    return new ApiException(400, "invalid-cursor", "Invalid cursor", "the cursor was not issued by this API");
  }
}
