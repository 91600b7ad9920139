package org.geohazard.telemetry.batch;

/**
 * One value of one sensor at one time; times in epoch milliseconds.
 *
 * @param untimed for a sample the device sent without a time but with a sequence number: the device and that
 *     number, so that a redelivery gets the receive time of the first delivery; null otherwise
 */
public record ReadingRow(int sensorId, long tsMillis, double value, int flags, long receivedAtMillis,
    UntimedSample untimed) {
  /** The value lies outside the sensor's valid physical range: kept, never used for warnings. */
  public static final int OUT_OF_RANGE = 1;
  /** The device sent no timestamp; the sample time is the platform's receive time. */
  public static final int RECEIVE_TIME = 2;

  /** A sample with its own time, or one without a sequence number. */
  public ReadingRow(int sensorId, long tsMillis, double value, int flags, long receivedAtMillis) {
    this(sensorId, tsMillis, value, flags, receivedAtMillis, null);
  }

  /** A sample without a time, known by its device's sequence number. */
  public record UntimedSample(String deviceId, long seq) {
  }
}
