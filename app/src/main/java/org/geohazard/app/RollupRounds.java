package org.geohazard.app;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.geohazard.storage.Database;
import org.geohazard.telemetry.rollup.RefreshRound;
import org.geohazard.telemetry.rollup.RollupRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On plain PostgreSQL, the chart rollups in place of TimescaleDB's continuous aggregates: a refresh round every 30 s
 * on a {@link Worker} of its own, never on an event loop, and further rounds at once while a backlog remains — a bounded number per
 * tick, so a first pass over a large table spreads over several ticks. While ingest works through a backlog the rounds
 * give way to it ({@link RollupPacing}). Gateways that ingest run it; the advisory lock inside a round keeps several
 * of them from refreshing at once.
 */
final class RollupRounds {
  private static final Logger LOG = LoggerFactory.getLogger(RollupRounds.class);
  private static final Duration PERIOD = Duration.ofSeconds(30);
  private static final int MAX_ROUNDS_PER_TICK = 10;

  private RollupRounds() {
  }

  /** Nothing on TimescaleDB, whose own policies refresh the aggregates. */
  static Optional<Worker> start(Workers workers, Database database, BooleanSupplier ingestBacklogged) {
    if (database.timescale()) {
      return Optional.empty();
    }
    RollupRefresher refresher = new RollupRefresher(database.dataSource());
    RollupPacing pacing = new RollupPacing(ingestBacklogged, MAX_ROUNDS_PER_TICK, System.nanoTime());
    LOG.info("Plain PostgreSQL: hourly and daily rollups, refreshed every {} s, replace the continuous aggregates"
        + " of TimescaleDB", PERIOD.toSeconds());
    // one thread: a tick that runs long delays the next instead of overlapping it
    return Optional.of(workers.every("rollups", PERIOD, () -> tick(refresher, pacing) > 0).start());
  }

  private static int tick(RollupRefresher refresher, RollupPacing pacing) throws SQLException {
    int rounds = pacing.roundsThisTick(System.nanoTime());
    if (rounds == 0) {
      LOG.debug("Rollup round postponed: ingest is working through a backlog");
    }
    int readings = 0;
    for (int i = 0; i < rounds; i++) {
      RefreshRound round = refresher.refresh();
      if (!round.locked()) {
        LOG.debug("Rollup round skipped: another gateway is refreshing");
        break;
      }
      LOG.debug("Rollup round: {} readings, {} hourly and {} daily buckets recomputed{}", round.readings(),
          round.hourlyBuckets(), round.dailyBuckets(), round.caughtUp() ? "" : ", more to come");
      readings += round.readings();
      if (round.caughtUp()) {
        break;
      }
    }
    return readings;
  }
}
