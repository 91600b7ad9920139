package org.geohazard.alerts.lifecycle;

import java.util.Optional;
import org.geohazard.domain.WarningLevel;

/** An alert that is not closed: its id, current level (empty for an alert without a level), and drill flag. */
public record OpenAlert(long id, Optional<WarningLevel> level, boolean drill) {
}
