package org.geohazard.telemetry.batch;

/** A device's answer to a command. */
public record CommandAckRow(
    String deviceId, String commandId, boolean ok, String error, long tsMillis, long receivedAtMillis) {
}
