package org.geohazard.telemetry.message;

/**
 * A message as the broker delivered it, waiting to be stored and then acknowledged.
 *
 * @param messageId the MQTT packet identifier, for the acknowledgement
 * @param connection which connection delivered it: after a reconnect the broker redelivers, and an old
 *     connection's messages are no longer acknowledged
 */
public record InboundMessage(
    String topic, byte[] payload, int messageId, int qos, long receivedAtMillis, long arrivedNanos,
    long connection) {
}
