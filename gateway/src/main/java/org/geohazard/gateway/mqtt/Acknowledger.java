package org.geohazard.gateway.mqtt;

/** Tells the broker that a message is safely stored (the PUBACK). */
@FunctionalInterface
public interface Acknowledger {
  void acknowledge(InboundMessage message);
}
