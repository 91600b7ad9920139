package org.geohazard.telemetry.message;

/** Tells the broker that a message is safely stored (the PUBACK). */
@FunctionalInterface
public interface Acknowledger {
  void acknowledge(InboundMessage message);
}
