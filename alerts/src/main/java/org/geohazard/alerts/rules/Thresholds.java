package org.geohazard.alerts.rules;

import java.util.Arrays;
import org.geohazard.domain.WarningLevel;

/**
 * The value at which each warning level starts. A level may be left out. Severities: 1 blue … 4 red, 0 none.
 */
public final class Thresholds {
  private final double[] bySeverity;

  private Thresholds(double[] bySeverity) {
    this.bySeverity = bySeverity;
  }

  /** Thresholds for blue, yellow, orange, red; {@code NaN} leaves a level out. Must rise with the level. */
  public static Thresholds of(double blue, double yellow, double orange, double red) {
    double[] values = {Double.NaN, blue, yellow, orange, red};
    double last = Double.NEGATIVE_INFINITY;
    for (int severity = 1; severity <= 4; severity++) {
      if (!Double.isNaN(values[severity])) {
        if (values[severity] <= last) {
          throw new IllegalArgumentException("thresholds must rise from blue to red");
        }
        last = values[severity];
      }
    }
    if (last == Double.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("at least one level needs a threshold");
    }
    return new Thresholds(values);
  }

  /** The highest severity whose threshold {@code value + ease} reaches; ease &gt; 0 is the clearing margin. */
  public int severity(double value, double ease) {
    for (int severity = 4; severity >= 1; severity--) {
      if (!Double.isNaN(bySeverity[severity]) && value + ease >= bySeverity[severity]) {
        return severity;
      }
    }
    return 0;
  }

  public double threshold(WarningLevel level) {
    return bySeverity[level.severity()];
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOfRange(bySeverity, 1, 5));
  }
}
