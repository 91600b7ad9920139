package org.geohazard.lifecycle;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after failures in a row: {@code first} after the first, doubled after each further one up to
 * {@code max}, less a random part of up to half of it, so that nodes (or threads) that failed together do not try
 * again together.
 */
public record Backoff(Duration first, Duration max) {
  /** 0.5-1 s after the first failure, up to 15-30 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("a backoff needs 0 < first <= max, not " + first + " and " + max);
    }
  }

  /** The pause after {@code failuresInRow} failures (1 for the first). */
  public Duration pause(int failuresInRow) {
    long ceiling = max.toMillis();
    long doubled = first.toMillis() << Math.min(Math.max(failuresInRow, 1) - 1, 30);
    long full = doubled <= 0 ? ceiling : Math.min(doubled, ceiling);
    long half = full / 2;
    return Duration.ofMillis(full - half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
