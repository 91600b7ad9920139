package org.geohazard.alerts.delivery;

import java.time.Duration;
import java.util.Set;

/**
 * Channels that are leased and sent by threads of their own, so that a slow channel (an SMS gateway answering in
 * seconds) never holds back another (sirens, app push).
 *
 * @param name for logs and thread names
 * @param channels the outbox channels this lane delivers
 * @param workers threads leasing and sending at once
 * @param batch rows leased at once by one thread
 * @param lease how long a thread holds its rows; after that another dispatcher may send them
 */
public record OutboxLane(String name, Set<String> channels, int workers, int batch, Duration lease) {
  public OutboxLane {
    channels = Set.copyOf(channels);
    if (workers < 1 || batch < 1 || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("outbox lane " + name + " needs workers, a batch and a lease");
    }
  }
}
