package org.geohazard.alerts.lifecycle;

import java.util.Locale;

/**
 * The audit trail of an alert. ANSWERED: the duty room has the alert at its level (叫应), and reminders stop;
 * RECEIVED: a monitor or responsible person has it at its level, and reminders go on.
 */
public enum AlertEventType {
  RAISED, LEVEL_UP, LEVEL_DOWN, ANSWERED, RECEIVED, RESOLVED, EXPIRED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
