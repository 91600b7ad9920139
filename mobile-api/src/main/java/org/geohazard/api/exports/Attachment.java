package org.geohazard.api.exports;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The Content-Disposition of an export: an attachment named {@code <dataset>-<county>-<year>.<ext>} ({@code all}
 * for every county of the caller's scope; the month after the year when one was asked for; the day of the register
 * for points). A county's name may be Chinese: {@code filename*} (RFC 5987/6266) gives it in UTF-8, {@code filename}
 * an ASCII stand-in for old clients, made of token characters only, so that it needs no quotes (RFC 6266 allows
 * either; the contract's validator cannot read a quoted header value). Characters no file name may hold are replaced
 * with '_'.
 */
final class Attachment {
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private Attachment() {
  }

  static String fileName(String dataset, String county, String period, String extension) {
    String name = dataset + "-" + (county == null ? "all" : county) + "-" + period + "." + extension;
    StringBuilder safe = new StringBuilder();
    name.codePoints().forEach(ch -> safe.appendCodePoint(ch < 0x20 || ch == 0x7f || "/\\:*?\"<>|".indexOf(ch) >= 0
        ? '_' : ch));
    return safe.toString();
  }

  static String header(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName.chars().forEach(ch -> ascii.append(ch < 0x7f && (Character.isLetterOrDigit(ch)
        || "._-".indexOf(ch) >= 0) ? (char) ch : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int ch = b & 0xff;
      if (ch < 0x80 && (Character.isLetterOrDigit(ch) || ATTR_CHARS.indexOf(ch) >= 0)) {
        encoded.append((char) ch);
      } else {
        encoded.append('%').append(HEX.toHexDigits(b));
      }
    }
    return "attachment; filename=" + ascii + "; filename*=UTF-8''" + encoded;
  }
}
