package org.geohazard.telemetry.query;

import java.time.Instant;

/** One stored reading. {@code flags} as in the reading table (1: out of range, 2: receive time). */
public record Sample(Instant ts, double value, int flags) {
}
