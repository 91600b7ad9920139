package org.geohazard.alerts.engine;

import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleState;

/** An enabled rule of a point with its saved state. */
record StoredRule(long id, RuleDefinition definition, RuleState state) {
}
