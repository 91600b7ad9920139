package org.geohazard.alerts.lifecycle;

import java.util.Locale;

/** Warnings come from the rules and reach residents; device health never does; manual alerts are raised by people. */
public enum AlertKind {
  WARNING, DEVICE, MANUAL;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
