package org.geohazard.alerts.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Crafted series for rule tests: one sample every {@code stepMillis}, received on time unless said otherwise. */
final class SeriesBuilder {
  static final long T0 = 1_751_328_000_000L; // 2025-07-01T00:00Z
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  private final List<long[]> times = new ArrayList<>();
  private final List<Double> values = new ArrayList<>();

  SeriesBuilder add(long ts, double value, long received) {
    times.add(new long[] {ts, received});
    values.add(value);
    return this;
  }

  static Series of(int samples, long stepMillis, IntToDoubleFunction value) {
    SeriesBuilder builder = new SeriesBuilder();
    for (int i = 0; i < samples; i++) {
      long ts = T0 + i * stepMillis;
      builder.add(ts, value.applyAsDouble(i), ts);
    }
    return builder.build();
  }

  Series build() {
    long[] ts = new long[times.size()];
    long[] received = new long[times.size()];
    double[] v = new double[times.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = times.get(i)[0];
      received[i] = times.get(i)[1];
      v[i] = values.get(i);
    }
    return new Series(ts, v, received);
  }

  /** The levels a rule goes through, evaluating the series one sample at a time as it would arrive. */
  static List<Integer> transitions(Rule rule, Series series, long lateAfterMillis) {
    List<Integer> levels = new ArrayList<>();
    RuleState state = RuleState.INITIAL;
    for (int end = 1; end <= series.size(); end++) {
      state = RuleStepper.advance(rule, state, prefix(series, end), lateAfterMillis);
      if (levels.isEmpty() ? state.severity() != 0 : levels.get(levels.size() - 1) != state.severity()) {
        levels.add(state.severity());
      }
    }
    return levels;
  }

  static Series prefix(Series series, int end) {
    SeriesBuilder builder = new SeriesBuilder();
    for (int i = 0; i < end; i++) {
      builder.add(series.ts(i), series.value(i), series.received(i));
    }
    return builder.build();
  }
}
