package org.geohazard.telemetry.rollup;

/**
 * What one refresh round did: whether it got the lock (another refresher may hold it), how many newly received
 * readings it took, how many hourly and daily buckets it recomputed, and whether it reached the horizon (when it did
 * not, the next round goes on from where this one stopped).
 */
public record RefreshRound(boolean locked, int readings, int hourlyBuckets, int dailyBuckets, boolean caughtUp) {
  static RefreshRound skipped() {
    return new RefreshRound(false, 0, 0, 0, false);
  }
}
