package org.geohazard.alerts.rules;

import java.util.Map;
import java.util.TreeMap;

/**
 * Rainfall summed over several windows (1, 3, 6, 12, 24, 72 h), each with its own per-level values; any window can
 * trigger, and the highest level wins.
 */
public record AccumulationMeasure(TreeMap<Long, Thresholds> windows) implements Measure {
  public AccumulationMeasure {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("an accumulation rule needs at least one window");
    }
    windows = new TreeMap<>(windows);
  }

  @Override
  public int severityAt(Series series, int index, double ease) {
    long now = series.ts(index);
    int severity = 0;
    for (Map.Entry<Long, Thresholds> window : windows.entrySet()) {
      double sum = series.sum(now - window.getKey(), now);
      severity = Math.max(severity, window.getValue().severity(sum, ease));
    }
    return severity;
  }

  @Override
  public long lookbackMillis() {
    return windows.lastKey();
  }
}
