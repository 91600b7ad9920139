package org.geohazard.alerts.engine;

import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleState;
import org.geohazard.alerts.rules.SteppedTimes;

/** An enabled rule of a point with its saved state and the sample times it stepped just below its watermark. */
record StoredRule(long id, RuleDefinition definition, RuleState state, SteppedTimes stepped) {
}
