package org.geohazard.storage;

import java.util.Locale;

/** Whether to use TimescaleDB features: when the extension is there, always, or never. */
public enum TimescaleMode {
  AUTO, REQUIRED, OFF;

  public static TimescaleMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("database.timescale must be one of auto, required, off; got '" + value + "'");
    }
  }
}
