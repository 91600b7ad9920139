package org.geohazard.alerts.config;

import java.time.Duration;

/**
 * How a call for help nobody has taken on keeps ringing: reminded to the same people this often, and sent to the
 * leader on duty once it has waited this long. Shorter than any warning's: a person is waiting.
 */
public record HelpRequestPolicy(Duration reminderEvery, Duration escalateAfter) {

  public static final HelpRequestPolicy DEFAULTS = new HelpRequestPolicy(Duration.ofMinutes(2), Duration.ofMinutes(5));
}
