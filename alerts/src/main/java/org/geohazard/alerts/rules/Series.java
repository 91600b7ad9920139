package org.geohazard.alerts.rules;

import java.util.Arrays;

/**
 * One sensor's usable readings in time order (values flagged out of range are left out before): sample times,
 * values, and when each reached the platform, in epoch milliseconds.
 */
public final class Series {
  private final long[] ts;
  private final double[] values;
  private final long[] received;

  public Series(long[] ts, double[] values, long[] received) {
    if (ts.length != values.length || ts.length != received.length) {
      throw new IllegalArgumentException("series arrays differ in length");
    }
    this.ts = ts;
    this.values = values;
    this.received = received;
  }

  public static Series empty() {
    return new Series(new long[0], new double[0], new long[0]);
  }

  public int size() {
    return ts.length;
  }

  public long ts(int i) {
    return ts[i];
  }

  public double value(int i) {
    return values[i];
  }

  public long received(int i) {
    return received[i];
  }

  /** Index of the first sample at or after the time, or {@link #size()}. */
  public int firstAtOrAfter(long time) {
    int i = Arrays.binarySearch(ts, time);
    if (i >= 0) {
      while (i > 0 && ts[i - 1] == time) {
        i--;
      }
      return i;
    }
    return -i - 1;
  }

  /** Index of the last sample at or before the time, or -1. */
  public int lastAtOrBefore(long time) {
    int i = Arrays.binarySearch(ts, time);
    if (i >= 0) {
      while (i < ts.length - 1 && ts[i + 1] == time) {
        i++;
      }
      return i;
    }
    return -i - 2;
  }

  /** Sum of the values with time in (from, to]. */
  public double sum(long from, long to) {
    double sum = 0;
    for (int i = firstAtOrAfter(from + 1); i < ts.length && ts[i] <= to; i++) {
      sum += values[i];
    }
    return sum;
  }
}
