package org.geohazard.alerts.rules;

/**
 * When a level may be raised and lowered. Raise: after {@code samples} consecutive samples above the current level,
 * or — when {@code raiseAfterMillis} is set — once values have stayed above it that long. Lower: once values stay below the threshold minus
 * {@code clearMargin} for {@code holdMillis}.
 *
 * @param confirmOrangeRed orange and red, which reach residents and sirens, need a second consecutive sample even
 *     when {@code samples} is 1, unless the rule's spike check already screens single glitches; false only for a
 *     rule that must act on one sample (a debris-flow gauge whose surge arrives within one sampling interval)
 */
public record Persistence(int samples, long raiseAfterMillis, double clearMargin, long holdMillis,
    boolean confirmOrangeRed) {
  /** A single sample raises any level: only for rules that say so ({@code confirm: false}). */
  public static final Persistence IMMEDIATE = new Persistence(1, 0, 0, 0, false);

  private static final int ORANGE = 3;
  private static final int CONFIRMING_SAMPLES = 2;

  public Persistence {
    if (samples < 1 || raiseAfterMillis < 0 || clearMargin < 0 || holdMillis < 0) {
      throw new IllegalArgumentException("persistence needs samples >= 1 and no negative duration or margin");
    }
  }

  /** With the default confirmation of orange and red. */
  public Persistence(int samples, long raiseAfterMillis, double clearMargin, long holdMillis) {
    this(samples, raiseAfterMillis, clearMargin, holdMillis, true);
  }

  /**
   * Consecutive samples a run must have before the rule rises to {@code level}.
   *
   * @param spikeChecked the rule has a spike limit, which already keeps an isolated jump from counting
   */
  int samplesToRaise(int level, boolean spikeChecked) {
    if (confirmOrangeRed && !spikeChecked && level >= ORANGE) {
      return Math.max(samples, CONFIRMING_SAMPLES);
    }
    return samples;
  }
}
