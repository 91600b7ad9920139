package org.geohazard.alerts.rules;

/**
 * When a level may be raised and lowered. Raise: after {@code samples} consecutive samples above the current level,
 * or — when {@code raiseAfterMillis} is set — once values have stayed above it that long. Lower: once values stay below the threshold minus
 * {@code clearMargin} for {@code holdMillis}.
 */
public record Persistence(int samples, long raiseAfterMillis, double clearMargin, long holdMillis) {
  public static final Persistence IMMEDIATE = new Persistence(1, 0, 0, 0);

  public Persistence {
    if (samples < 1 || raiseAfterMillis < 0 || clearMargin < 0 || holdMillis < 0) {
      throw new IllegalArgumentException("persistence needs samples >= 1 and no negative duration or margin");
    }
  }
}
