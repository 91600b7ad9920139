package org.geohazard.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When chart rollups may run: they give way to an ingest backlog, since readings stored and warnings raised come
 * before charts, but never for longer than {@link #MAX_DEFERRAL}, so charts fall at most that far behind however long
 * the backlog lasts. While the backlog lasts, a tick runs one round only; without one, up to {@code maxRounds}.
 */
final class RollupPacing {
  static final Duration MAX_DEFERRAL = Duration.ofMinutes(5);

  private final BooleanSupplier ingestBacklogged;
  private final int maxRounds;
  private long lastRoundNanos;

  RollupPacing(BooleanSupplier ingestBacklogged, int maxRounds, long nowNanos) {
    this.ingestBacklogged = ingestBacklogged;
    this.maxRounds = maxRounds;
    this.lastRoundNanos = nowNanos;
  }

  /** How many rounds this tick may run (0: give way this time). */
  synchronized int roundsThisTick(long nowNanos) {
    if (!ingestBacklogged.getAsBoolean()) {
      lastRoundNanos = nowNanos;
      return maxRounds;
    }
    if (nowNanos - lastRoundNanos < MAX_DEFERRAL.toNanos()) {
      return 0;
    }
    lastRoundNanos = nowNanos;
    return 1;
  }
}
