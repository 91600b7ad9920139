package org.geohazard.domain;

import java.util.Locale;
import java.util.Optional;

/** The four warning levels; red (grade 1) is the highest. */
public enum WarningLevel {
  BLUE(4), YELLOW(3), ORANGE(2), RED(1);

  private final int grade;

  WarningLevel(int grade) {
    this.grade = grade;
  }

  /** The official grade: 1 for red (警报级) to 4 for blue (注意级). */
  public int grade() {
    return grade;
  }

  /** 1 for blue to 4 for red: higher is more severe. */
  public int severity() {
    return 5 - grade;
  }

  public boolean isAbove(WarningLevel other) {
    return grade < other.grade;
  }

  /** The level of a severity from 1 (blue) to 4 (red); empty for 0, no warning. */
  public static Optional<WarningLevel> ofSeverity(int severity) {
    return severity <= 0 ? Optional.empty() : Optional.of(values()[Math.min(severity, 4) - 1]);
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WarningLevel> byKey(String key) {
    for (WarningLevel level : values()) {
      if (level.key().equals(key)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
