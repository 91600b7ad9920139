package org.geohazard.alerts.engine;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.EscalationPolicy;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.escalation.EscalationScheduler;
import org.geohazard.alerts.testing.RainFixture;
import org.geohazard.alerts.testing.RuleFixtures;
import org.geohazard.domain.WarningLevel;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A duty officer's resolve, the evaluator and the escalation round, run at the same moment again and again on a
 * point whose level keeps climbing and falling: none of them deadlocks, nothing is written to an alert after it is
 * closed, and no warning is lost.
 */
@Timeout(180)
class ResolveRaceTest {
  private static final String POINT = RainFixture.POINT;
  private static final long MINUTE = 60_000L;
  private static final int ROUNDS = 60;
  private static final String RULES = """
      points:
        - code: "510100000001"
          rules:
            - {name: rain, kind: accumulation, channel: RG-T1/rainfall, confirm: false,
               windows: {1h: {blue: 5, yellow: 10, orange: 15, red: 20}}}
      """;

  private Vertx vertx;
  private Database database;
  private final Notifier notifier = new Notifier(DeliveryConfig.DEFAULTS);
  private final long start = System.currentTimeMillis() - 20 * 3_600_000L;
  private long dutyOfficer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection()) {
      RuleFixtures.importRules(c, RULES);
    }
    dutyOfficer = count(database, "SELECT id FROM person WHERE phone = '13800000001'");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void resolveEvaluateAndEscalateNeverRace() throws Exception {
    PointEvaluator evaluator = new PointEvaluator(7_200_000L, notifier);
    AlertActions actions = new AlertActions(notifier);
    Map<WarningLevel, Duration> always = Map.of(WarningLevel.BLUE, Duration.ZERO, WarningLevel.YELLOW, Duration.ZERO,
        WarningLevel.ORANGE, Duration.ZERO, WarningLevel.RED, Duration.ZERO);
    EscalationScheduler scheduler = new EscalationScheduler(database.dataSource(),
        new EscalationPolicy(always, always), notifier);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        // 5 mm every ten minutes for an hour, then dry for an hour: blue up to red, and back down
        RainFixture.rain(database, start + round * 10 * MINUTE, round % 12 < 6 ? 5 : 0);
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<?>> runs = new ArrayList<>();
        runs.add(pool.submit(at(together, () -> evaluate(evaluator))));
        runs.add(pool.submit(at(together, () -> evaluate(evaluator))));
        runs.add(pool.submit(at(together, scheduler::runOnce)));
        runs.add(pool.submit(at(together, () -> resolveOpen(actions))));
        for (Future<?> run : runs) {
          run.get(); // a deadlock the database broke, or any other failure, ends the test here
        }
        evaluate(evaluator);
        assertNoWarningLost(round);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(0, count(database, """
        SELECT count(*) FROM alert_event e JOIN alert a ON a.id = e.alert_id
        WHERE e.id > (SELECT min(x.id) FROM alert_event x WHERE x.alert_id = a.id AND x.type IN ('resolved', 'expired'))
        """), "no event after an alert was closed");
    assertEquals(0, count(database, """
        SELECT count(*) FROM outbox o
        WHERE o.purpose <> 'all_clear'
          AND o.id > (SELECT min(x.id) FROM outbox x WHERE x.alert_id = o.alert_id AND x.purpose = 'all_clear')
        """), "no message but the all-clear after the all-clear");
    assertEquals(0, count(database, "SELECT count(*) FROM alert a WHERE closed_at IS NOT NULL AND"
        + " (SELECT count(*) FROM alert_event x WHERE x.alert_id = a.id AND x.type IN ('resolved', 'expired')) <> 1"));
    assertTrue(count(database, "SELECT count(*) FROM alert_event WHERE type = 'resolved'") > 5,
        "resolves really met the climbing series");
  }

  /** The point's level is either carried by its open warning, or one a duty officer resolved. */
  private void assertNoWarningLost(int round) throws Exception {
    long severity = count(database, "SELECT severity FROM point_evaluation WHERE point_code = '" + POINT + "'");
    long resolved = count(database, "SELECT resolved_severity FROM point_evaluation WHERE point_code = '" + POINT
        + "'");
    long open = count(database, "SELECT count(*) FROM alert WHERE closed_at IS NULL AND level = (ARRAY['blue',"
        + " 'yellow', 'orange', 'red'])[" + severity + "]");
    assertTrue(severity == 0 || severity <= resolved || open == 1,
        "round " + round + ": level " + severity + " resolved at " + resolved + " with no open warning at it");
  }

  private static Callable<Object> at(CyclicBarrier together, Callable<?> work) {
    return () -> {
      together.await();
      return work.call();
    };
  }

  private Object evaluate(PointEvaluator evaluator) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      return evaluator.evaluate(c, POINT);
    }
  }

  private Object resolveOpen(AlertActions actions) throws Exception {
    long open = count(database, "SELECT coalesce(max(id), 0) FROM alert WHERE closed_at IS NULL");
    if (open == 0) {
      return false;
    }
    try (Connection c = database.dataSource().getConnection()) {
      return actions.resolve(c, open, dutyOfficer, "inspected");
    }
  }
}
