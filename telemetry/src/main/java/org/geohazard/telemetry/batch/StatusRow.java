package org.geohazard.telemetry.batch;

/** A device's status message or Will; absent fields are null. */
public record StatusRow(
    String deviceId,
    long tsMillis,
    long receivedAtMillis,
    Boolean online,
    Double batteryVolts,
    Integer rssi,
    Double temperatureC,
    String firmware) {
}
