package org.geohazard.alerts.lifecycle;

import java.util.Locale;

/** The audit trail of an alert. */
public enum AlertEventType {
  RAISED, LEVEL_UP, LEVEL_DOWN, ANSWERED, RESOLVED, EXPIRED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
