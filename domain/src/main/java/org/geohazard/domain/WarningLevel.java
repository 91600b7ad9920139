package org.geohazard.domain;

/** The four warning levels; red (1) is the highest. */
public enum WarningLevel {
  RED(1), ORANGE(2), YELLOW(3), BLUE(4);

  private final int grade;

  WarningLevel(int grade) {
    this.grade = grade;
  }

  /** The official grade: 1 for red (警报级) to 4 for blue (注意级). */
  public int grade() {
    return grade;
  }

  public boolean isAbove(WarningLevel other) {
    return grade < other.grade;
  }
}
