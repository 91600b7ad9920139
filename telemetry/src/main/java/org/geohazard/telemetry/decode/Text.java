package org.geohazard.telemetry.decode;

/** Device-supplied text made safe to store: no NUL characters (PostgreSQL refuses them), bounded length. */
final class Text {
  private Text() {
  }

  static String clean(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String cleaned = text.indexOf('\u0000') >= 0 ? text.replace('\u0000', '\uFFFD') : text;
    return cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
  }

  /** A short quotation of device input for a dead letter's detail. */
  static String quote(Object value) {
    return "'" + clean(String.valueOf(value), 64) + "'";
  }
}
