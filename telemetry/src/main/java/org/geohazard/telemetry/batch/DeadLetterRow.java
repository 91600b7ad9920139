package org.geohazard.telemetry.batch;

/**
 * A message, or part of one, that could not be used.
 *
 * @param deviceId the device named by the topic, if the topic named one
 * @param reason a stable code ({@code malformed_json}, {@code unknown_device}, ...)
 * @param detail what exactly was wrong, for the duty staff
 * @param payload the payload, already capped in size
 * @param payloadSize the size of the whole payload as received
 */
public record DeadLetterRow(
    long receivedAtMillis, String topic, String deviceId, String reason, String detail, byte[] payload,
    int payloadSize) {
}
