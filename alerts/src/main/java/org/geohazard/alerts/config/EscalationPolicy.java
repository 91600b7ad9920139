package org.geohazard.alerts.config;

import java.time.Duration;
import java.util.Map;
import org.geohazard.domain.WarningLevel;

/**
 * 叫应 timing per level: how often an unanswered alert reminds the duty officers, and how long it may stay unanswered
 * before it goes to the leader on duty.
 */
public record EscalationPolicy(Map<WarningLevel, Duration> reminderEvery, Map<WarningLevel, Duration> escalateAfter) {

  public static final EscalationPolicy DEFAULTS = new EscalationPolicy(
      Map.of(WarningLevel.BLUE, Duration.ofMinutes(15), WarningLevel.YELLOW, Duration.ofMinutes(10),
          WarningLevel.ORANGE, Duration.ofMinutes(5), WarningLevel.RED, Duration.ofMinutes(3)),
      Map.of(WarningLevel.BLUE, Duration.ofMinutes(30), WarningLevel.YELLOW, Duration.ofMinutes(20),
          WarningLevel.ORANGE, Duration.ofMinutes(10), WarningLevel.RED, Duration.ofMinutes(5)));
}
