package org.geohazard.alerts.rules;

/**
 * What a rule measures from a series, as a warning severity at one sample. {@code ease} eases every threshold by
 * the rule's clearing margin: a level is only left when the measure stays below its threshold minus the margin.
 */
public sealed interface Measure
    permits ThresholdMeasure, RateMeasure, AccumulationMeasure, TangentAngleMeasure {

  int severityAt(Series series, int index, double ease);

  /** How much history before a sample the measure reads, in milliseconds. */
  long lookbackMillis();
}
