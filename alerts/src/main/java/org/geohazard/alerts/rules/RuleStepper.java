package org.geohazard.alerts.rules;

/**
 * Advances a rule over the samples it has not seen yet, in time order. Samples older than its watermark arrived late
 * and only count as history. A sample that reached the platform later than {@code lateAfterMillis} after it was
 * taken cannot raise a warning; a sample that jumps more than the rule's spike limit from the one before is suspect
 * and moves the level neither up nor down.
 */
public final class RuleStepper {
  private RuleStepper() {
  }

  public static RuleState advance(Rule rule, RuleState state, Series series, long lateAfterMillis) {
    RuleState current = state;
    int start = state.evaluatedTo() < 0 ? 0 : series.firstAtOrAfter(state.evaluatedTo() + 1);
    for (int i = start; i < series.size(); i++) {
      long ts = series.ts(i);
      double value = series.value(i);
      boolean late = series.received(i) - ts > lateAfterMillis;
      boolean spike = !Double.isNaN(rule.spike()) && !Double.isNaN(current.lastValue())
          && Math.abs(value - current.lastValue()) > rule.spike();
      int raiseTo = rule.measure().severityAt(series, i, 0);
      int clearTo = rule.persistence().clearMargin() > 0
          ? rule.measure().severityAt(series, i, rule.persistence().clearMargin()) : raiseTo;
      RuleState stepped = spike ? current
          : LevelTracker.step(current, ts, raiseTo, clearTo, !late, !Double.isNaN(rule.spike()),
              rule.persistence());
      current = new RuleState(stepped.severity(), stepped.pendingSeverity(), stepped.pendingSamples(),
          stepped.pendingSince(), stepped.clearSince(), ts, value);
    }
    return current;
  }
}
