package org.geohazard.alerts.config;

import java.time.Duration;

/**
 * How warnings are delivered.
 *
 * @param fastSamplingSeconds the sampling interval asked of a point's devices from yellow up
 * @param sirenDuration how long a siren sounds per command
 * @param commandLifetime how long a command is resent until the device acknowledges it
 * @param commandResend how often an unacknowledged command is sent again
 * @param smsEnabled whether messages also go to the SMS/voice gateway
 */
public record DeliveryConfig(int fastSamplingSeconds, Duration sirenDuration, Duration commandLifetime,
    Duration commandResend, boolean smsEnabled) {

  public static final DeliveryConfig DEFAULTS =
      new DeliveryConfig(60, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(30), false);
}
