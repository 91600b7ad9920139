package org.geohazard.api.auth;

import java.time.Duration;

/**
 * How failed sign-ins are slowed down. Failures count per account and client address: the first
 * {@code freeFailures} cost nothing, each further one doubles the wait before the next attempt from that address for
 * that account, from {@code firstDelay} up to {@code maxDelay}. An address with {@code failuresPerAddress} failures
 * (any accounts) waits until the oldest leaves the {@code window}. Failures older than the window are forgotten, and
 * a successful sign-in from an address clears that address's failures for the account.
 */
public record SignInLimits(int freeFailures, Duration firstDelay, Duration maxDelay, int failuresPerAddress,
    Duration window) {

  public SignInLimits {
    if (freeFailures < 1 || failuresPerAddress <= freeFailures) {
      throw new IllegalArgumentException("api.free-failures (" + freeFailures
          + ") must be at least 1 and less than api.failures-per-address (" + failuresPerAddress + ")");
    }
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
        || window.compareTo(maxDelay) < 0) {
      throw new IllegalArgumentException("api.failure-delay-s (" + firstDelay.toSeconds()
          + ") must be positive and at most api.failure-max-delay-s (" + maxDelay.toSeconds()
          + "), itself at most api.failure-window-s (" + window.toSeconds() + ")");
    }
  }

  /** The wait after {@code failures} consecutive failures of one account from one address; zero while free. */
  public Duration delayAfter(long failures) {
    if (failures < freeFailures) {
      return Duration.ZERO;
    }
    long doublings = Math.min(failures - freeFailures, 40);
    long millis = firstDelay.toMillis() << doublings;
    return millis >= maxDelay.toMillis() || millis <= 0 ? maxDelay : Duration.ofMillis(millis);
  }
}
