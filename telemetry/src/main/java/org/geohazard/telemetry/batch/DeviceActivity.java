package org.geohazard.telemetry.batch;

/**
 * What a batch says about one device's telemetry: when it was last heard and its sequence numbers.
 *
 * @param firstSeq lowest sequence number in the batch, or null when the device sent none
 * @param lastSeq highest sequence number in the batch, or null
 * @param gapsWithin samples missing between firstSeq and lastSeq
 */
public record DeviceActivity(String deviceId, long lastSeenMillis, Long firstSeq, Long lastSeq, long gapsWithin) {
}
