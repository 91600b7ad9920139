package org.geohazard.alerts.rules;

/**
 * A metric against per-level values: the value itself, or its change from a baseline (absolute, so a crack that
 * opens or a slope that tilts either way counts).
 *
 * @param baseline the reference value, or NaN to compare the value itself
 */
public record ThresholdMeasure(Thresholds thresholds, double baseline) implements Measure {
  @Override
  public int severityAt(Series series, int index, double ease) {
    double value = series.value(index);
    return thresholds.severity(Double.isNaN(baseline) ? value : Math.abs(value - baseline), ease);
  }

  @Override
  public long lookbackMillis() {
    return 0;
  }
}
