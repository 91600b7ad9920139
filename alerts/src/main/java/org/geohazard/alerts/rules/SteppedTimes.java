package org.geohazard.alerts.rules;

import java.util.Arrays;

/**
 * The sample times a rule has stepped just below its watermark: every stepped time above {@code from} is listed, so
 * a sample in that stretch that is not listed was committed after newer ones and has not been stepped yet. The
 * stretch is at most the late-after limit long (an older sample would be too late to raise anything) and holds at
 * most {@link #MAX_TIMES} times, the newest.
 *
 * @param from the times listed are those above it; at or above the watermark, nothing is listed
 * @param times ascending
 */
public record SteppedTimes(long from, long[] times) {
  /** Bounds the list a rule stores: a sample every 3.6 s still covers an hour. */
  public static final int MAX_TIMES = 1000;

  /** Nothing listed: every sample at or below the watermark counts as stepped (a rule's state before this list). */
  public static SteppedTimes none(long watermark) {
    return new SteppedTimes(watermark, new long[0]);
  }

  /** A sample at this time, at or below the watermark, that was committed after the rule stepped past it. */
  boolean missing(long ts) {
    return ts > from && Arrays.binarySearch(times, ts) < 0;
  }

  /** These times plus the ones just stepped, kept for the stretch of {@code horizonMillis} below the watermark. */
  SteppedTimes with(long[] stepped, int count, long watermark, long horizonMillis) {
    long floor = watermark < 0 ? -1 : watermark - horizonMillis;
    long[] merged = Arrays.copyOf(times, times.length + count);
    System.arraycopy(stepped, 0, merged, times.length, count);
    long[] kept = Arrays.stream(merged).filter(t -> t > floor && t <= watermark).sorted().distinct().toArray();
    // listed before: (from, old watermark]; every sample above the old watermark was stepped just now
    long newFrom = Math.max(from, floor);
    if (kept.length > MAX_TIMES) {
      kept = Arrays.copyOfRange(kept, kept.length - MAX_TIMES, kept.length);
      newFrom = Math.max(newFrom, kept[0] - 1);
    }
    return new SteppedTimes(newFrom, kept);
  }
}
