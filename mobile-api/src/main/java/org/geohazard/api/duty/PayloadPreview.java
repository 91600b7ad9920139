package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A payload shown safely: its first bytes as UTF-8 text with invalid bytes replaced (U+FFFD), and its size. */
final class PayloadPreview {
  static final int BYTES = 1024;

  private PayloadPreview() {
  }

  /** @param head up to {@link #BYTES} leading bytes of what was stored; @param size the size as received */
  static JsonObject of(byte[] head, int size) {
    int length = head.length;
    boolean cut = size > length;
    if (cut) {
      length = withoutPartialCharacter(head, length);
    }
    return new JsonObject().put("preview", decode(head, length)).put("size", size).put("truncated", cut);
  }

  private static String decode(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not fail", e);
    }
  }

  /** The length without a multi-byte character that the cut left incomplete at the end. */
  private static int withoutPartialCharacter(byte[] bytes, int length) {
    for (int back = 1; back <= 3 && back <= length; back++) {
      int b = bytes[length - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue;
      }
      int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return needed > back ? length - back : length;
    }
    return length;
  }
}
