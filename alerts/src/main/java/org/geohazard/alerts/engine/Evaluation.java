package org.geohazard.alerts.engine;

import java.util.Map;
import java.util.Optional;
import org.geohazard.domain.WarningLevel;

/**
 * The outcome of evaluating one point.
 *
 * @param ruleLevels each rule's level by name (0 none … 4 red)
 * @param change what happened to the point's warning alert, if anything
 */
public record Evaluation(String point, int severity, Map<String, Integer> ruleLevels, Optional<Change> change) {

  /** A warning raised, moved or ended; {@code to} is empty when it ended. */
  public record Change(long alertId, Optional<WarningLevel> from, Optional<WarningLevel> to, boolean drill) {
  }
}
