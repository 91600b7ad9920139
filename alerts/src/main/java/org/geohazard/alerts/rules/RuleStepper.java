package org.geohazard.alerts.rules;

/**
 * Advances a rule over the samples it has not seen yet, in time order. A sample that reached the platform later than
 * {@code lateAfterMillis} after it was taken cannot raise a warning; a sample that jumps more than the rule's spike
 * limit from the one before is suspect and moves the level neither up nor down. A sample older than the watermark
 * that the rule has not stepped (committed after newer ones, by a gateway that fell behind) is stepped once, first,
 * as it is found: measured with the history around it, counted as if it came with the newest sample stepped, and
 * without moving the watermark back.
 */
public final class RuleStepper {
  private RuleStepper() {
  }

  /** The rule's state after stepping, and the sample times it has stepped below its watermark. */
  public record Stepped(RuleState state, SteppedTimes times) {
  }

  /** Steps the samples past the watermark only. */
  public static RuleState advance(Rule rule, RuleState state, Series series, long lateAfterMillis) {
    return advance(rule, state, SteppedTimes.none(state.evaluatedTo()), series, lateAfterMillis).state();
  }

  public static Stepped advance(Rule rule, RuleState state, SteppedTimes stepped, Series series,
      long lateAfterMillis) {
    RuleState current = state;
    long[] steppedNow = new long[series.size()];
    int count = 0;
    int start = state.evaluatedTo() < 0 ? 0 : series.firstAtOrAfter(state.evaluatedTo() + 1);
    for (int i = 0; i < start; i++) {
      if (stepped.missing(series.ts(i))) {
        // its persistence and hold times count from the newest sample stepped, so that an old sample never
        // shortens a wait that newer samples have already started or broken
        double previous = i > 0 ? series.value(i - 1) : current.lastValue();
        RuleState after = step(rule, current, series, i, Math.max(series.ts(i), current.evaluatedTo()), previous,
            lateAfterMillis);
        current = new RuleState(after.severity(), after.pendingSeverity(), after.pendingSamples(),
            after.pendingSince(), after.clearSince(), current.evaluatedTo(), current.lastValue());
        steppedNow[count++] = series.ts(i);
      }
    }
    for (int i = start; i < series.size(); i++) {
      RuleState after = step(rule, current, series, i, series.ts(i), current.lastValue(), lateAfterMillis);
      current = new RuleState(after.severity(), after.pendingSeverity(), after.pendingSamples(),
          after.pendingSince(), after.clearSince(), series.ts(i), series.value(i));
      steppedNow[count++] = series.ts(i);
    }
    return new Stepped(current, stepped.with(steppedNow, count, current.evaluatedTo(), lateAfterMillis));
  }

  private static RuleState step(Rule rule, RuleState current, Series series, int i, long stepTime, double previous,
      long lateAfterMillis) {
    double value = series.value(i);
    boolean late = series.received(i) - series.ts(i) > lateAfterMillis;
    boolean spike = !Double.isNaN(rule.spike()) && !Double.isNaN(previous)
        && Math.abs(value - previous) > rule.spike();
    if (spike) {
      return current;
    }
    int raiseTo = rule.measure().severityAt(series, i, 0);
    int clearTo = rule.persistence().clearMargin() > 0
        ? rule.measure().severityAt(series, i, rule.persistence().clearMargin()) : raiseTo;
    return LevelTracker.step(current, stepTime, raiseTo, clearTo, !late, !Double.isNaN(rule.spike()),
        rule.persistence());
  }
}
