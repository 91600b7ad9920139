package org.geohazard.alerts.config;

import java.time.Duration;

/**
 * When a device's health becomes an alert (for duty officers and monitors, never residents).
 *
 * @param offlineAfterIntervals silent for this many of its sampling intervals (or a Will said offline)
 * @param lowBatteryVolts battery below this
 * @param stuckFor a channel reporting one and the same value for this long (rain gauges excepted: dry is flat)
 * @param outOfRangeWithin values outside the channel's valid range within this period
 */
public record HealthConfig(int offlineAfterIntervals, double lowBatteryVolts, Duration stuckFor,
    Duration outOfRangeWithin) {

  public static final HealthConfig DEFAULTS = new HealthConfig(3, 3.4, Duration.ofHours(12), Duration.ofHours(1));
}
