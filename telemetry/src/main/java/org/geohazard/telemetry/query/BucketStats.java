package org.geohazard.telemetry.query;

import java.time.Instant;

/** Min/max/avg/last of the in-range readings of one sensor in one time bucket. */
public record BucketStats(Instant bucket, double min, double max, double avg, double last, long samples) {
}
