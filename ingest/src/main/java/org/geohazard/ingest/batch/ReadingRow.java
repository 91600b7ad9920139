package org.geohazard.ingest.batch;

/** One value of one sensor at one time; times in epoch milliseconds. */
public record ReadingRow(int sensorId, long tsMillis, double value, int flags, long receivedAtMillis) {
  /** The value lies outside the sensor's valid physical range: kept, never used for warnings. */
  public static final int OUT_OF_RANGE = 1;
  /** The device sent no timestamp; the sample time is the platform's receive time. */
  public static final int RECEIVE_TIME = 2;
}
