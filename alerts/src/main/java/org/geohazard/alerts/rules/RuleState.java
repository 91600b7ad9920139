package org.geohazard.alerts.rules;

/**
 * What a rule remembers between evaluations (kept in the rule_state table): its level, a raise waiting for its
 * persistence, a lowering waiting for its hold time, and how far in sample time it has evaluated.
 *
 * @param severity current level, 0 none … 4 red
 * @param pendingSeverity the level a raise would reach, 0 when none is pending
 * @param pendingSamples consecutive samples so far above the current level
 * @param pendingSince sample time of the first of them
 * @param clearSince sample time since which values stay below the level minus the margin, or -1
 * @param evaluatedTo sample time of the last sample evaluated, or -1
 * @param lastValue the last sample's value (spike detection), NaN before the first
 */
public record RuleState(int severity, int pendingSeverity, int pendingSamples, long pendingSince, long clearSince,
    long evaluatedTo, double lastValue) {

  public static final RuleState INITIAL = new RuleState(0, 0, 0, -1, -1, -1, Double.NaN);
}
