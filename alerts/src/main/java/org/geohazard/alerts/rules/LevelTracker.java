package org.geohazard.alerts.rules;

/** Persistence before raising and hysteresis before lowering, one sample at a time. */
final class LevelTracker {
  private LevelTracker() {
  }

  /**
   * @param raiseTo the level the sample's measure reaches
   * @param clearTo the level it reaches with the thresholds eased by the clearing margin
   * @param mayRaise false for a sample that must not raise a warning (late, or a suspected spike): it neither counts
   *     towards a raise nor breaks one
   * @param spikeChecked the rule screens isolated jumps itself, so a single sample may confirm orange or red
   */
  static RuleState step(RuleState state, long ts, int raiseTo, int clearTo, boolean mayRaise, boolean spikeChecked,
      Persistence rules) {
    int level = state.severity();
    if (raiseTo > level) {
      RuleState keep = new RuleState(level, state.pendingSeverity(), state.pendingSamples(), state.pendingSince(), -1,
          state.evaluatedTo(), state.lastValue());
      if (!mayRaise) {
        return keep;
      }
      boolean first = state.pendingSamples() == 0;
      int pending = first ? raiseTo : Math.min(state.pendingSeverity(), raiseTo);
      int samples = state.pendingSamples() + 1;
      long since = first ? ts : state.pendingSince();
      boolean held = rules.raiseAfterMillis() > 0 ? ts - since >= rules.raiseAfterMillis()
          : samples >= rules.samplesToRaise(pending, spikeChecked);
      if (held) {
        return new RuleState(pending, 0, 0, -1, -1, state.evaluatedTo(), state.lastValue());
      }
      return new RuleState(level, pending, samples, since, -1, state.evaluatedTo(), state.lastValue());
    }
    if (clearTo >= level) {
      return new RuleState(level, 0, 0, -1, -1, state.evaluatedTo(), state.lastValue());
    }
    long clearSince = state.clearSince() < 0 ? ts : state.clearSince();
    if (ts - clearSince >= rules.holdMillis()) {
      return new RuleState(clearTo, 0, 0, -1, -1, state.evaluatedTo(), state.lastValue());
    }
    return new RuleState(level, 0, 0, -1, clearSince, state.evaluatedTo(), state.lastValue());
  }
}
