package org.geohazard.alerts.rules;

import java.util.Arrays;
import java.util.List;

/**
 * A level that needs several kinds of evidence: the level that all, any, or at least k of the member rules have
 * reached (e.g. displacement orange and rainfall yellow → the lower of the two, yellow, when mode is all).
 */
public record Combination(String name, List<String> members, Mode mode, int atLeast, boolean standalone) {
  public enum Mode { ALL, ANY, AT_LEAST }

  public Combination {
    if (members.size() < 2) {
      throw new IllegalArgumentException("a combination needs at least two rules");
    }
    if (mode == Mode.AT_LEAST && (atLeast < 1 || atLeast > members.size())) {
      throw new IllegalArgumentException("at_least must be between 1 and the number of rules");
    }
  }

  /** The combined level from the members' levels (in the order of {@link #members()}). */
  public int severity(int[] memberSeverities) {
    int[] sorted = memberSeverities.clone();
    Arrays.sort(sorted);
    return switch (mode) {
      case ALL -> sorted[0];
      case ANY -> sorted[sorted.length - 1];
      case AT_LEAST -> sorted[sorted.length - atLeast];
    };
  }
}
