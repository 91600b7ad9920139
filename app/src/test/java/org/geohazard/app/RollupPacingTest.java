package org.geohazard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RollupPacingTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicBoolean backlog = new AtomicBoolean();
  private final RollupPacing pacing = new RollupPacing(backlog::get, 10, 0);

  @Test
  void withoutBacklogEveryTickMayCatchUp() {
    assertEquals(10, pacing.roundsThisTick(30 * SECOND));
    assertEquals(10, pacing.roundsThisTick(60 * SECOND));
  }

  @Test
  void givesWayToABacklogForAtMostFiveMinutesThenRunsOneRoundPerDeferral() {
    assertEquals(10, pacing.roundsThisTick(30 * SECOND));
    backlog.set(true);
    for (long t = 60; t < 330; t += 30) {
      assertEquals(0, pacing.roundsThisTick(t * SECOND), "tick at " + t + " s");
    }
    assertEquals(1, pacing.roundsThisTick(330 * SECOND), "five minutes after the last round");
    assertEquals(0, pacing.roundsThisTick(360 * SECOND));
    assertEquals(1, pacing.roundsThisTick(630 * SECOND));
  }

  @Test
  void catchesUpAtTheFirstTickAfterTheBacklog() {
    backlog.set(true);
    assertEquals(0, pacing.roundsThisTick(30 * SECOND));
    backlog.set(false);
    assertEquals(10, pacing.roundsThisTick(60 * SECOND));
  }
}
