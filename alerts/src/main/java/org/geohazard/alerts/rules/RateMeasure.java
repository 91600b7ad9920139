package org.geohazard.alerts.rules;

/**
 * Change per unit of time over a window (crack opening in mm/day): the difference between the sample and the
 * earliest sample inside the window, scaled to the unit. Needs at least half a window of data.
 */
public record RateMeasure(Thresholds thresholds, long windowMillis, long perMillis) implements Measure {
  @Override
  public int severityAt(Series series, int index, double ease) {
    long now = series.ts(index);
    int first = series.firstAtOrAfter(now - windowMillis);
    long span = now - series.ts(first);
    if (first >= index || span < windowMillis / 2) {
      return 0;
    }
    double rate = Math.abs(series.value(index) - series.value(first)) / span * perMillis;
    return thresholds.severity(rate, ease);
  }

  @Override
  public long lookbackMillis() {
    return windowMillis;
  }
}
