package org.geohazard.api.monitors;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.geohazard.api.problem.ApiException;

/**
 * Photo uploads: raw JPEG or PNG bytes, checked here rather than by the contract (the OpenAPI router cannot validate
 * image media types), under a body limit of their own.
 */
public final class PhotoUploads {
  /** How many photos one record may carry. */
  static final int MAX_PER_RECORD = 4;
  /** The photos of a record of any ledger: its path, the record's id, {@code /photos}. */
  private static final Pattern PATH = Pattern.compile(Arrays.stream(Ledger.values())
      .map(ledger -> Pattern.quote(ledger.path)).collect(Collectors.joining("|", "(", ")")) + "[^/]+/photos/?");
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PhotoUploads() {
  }

  /** Whether a request is a photo upload (its body gets the photo limit instead of the JSON one). */
  public static boolean matches(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && PATH.matcher(request.path()).matches();
  }

  /** The media type of an upload: the declared one, when the bytes are an image of that type. */
  static String contentType(String declared, Buffer body) {
    String type = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    byte[] magic = switch (type) {
      case "image/jpeg" -> JPEG;
      case "image/png" -> PNG;
      default -> throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "a photo is sent as image/jpeg or image/png");
    };
    if (body == null || !startsWith(body, magic)) {
      throw ApiException.invalid("invalid-photo", "Not a photo of the declared type",
          "the body is not a " + (magic == JPEG ? "JPEG" : "PNG") + " image");
    }
    return type;
  }

  private static boolean startsWith(Buffer body, byte[] magic) {
    if (body.length() <= magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (body.getByte(i) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
