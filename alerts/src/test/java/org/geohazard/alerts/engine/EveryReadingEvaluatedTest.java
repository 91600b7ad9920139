package org.geohazard.alerts.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.testing.RuleFixtures;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every committed reading is evaluated, once: a sample committed after newer ones, readings committed just before a
 * crash, and the points waiting for evaluation when the gateway stops.
 */
@Timeout(120)
class EveryReadingEvaluatedTest {
  private static final String POINT = "510100000001";
  private static final long MINUTE = 60_000L;

  private Vertx vertx;
  private Database database;
  private int crackMeter;
  private long start;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection()) {
      RuleFixtures.importRules(c, """
          points:
            - code: "510100000001"
              rules:
                - {name: crack, kind: threshold, channel: LF-T1/crack_width,
                   levels: {yellow: 5, orange: 10, red: 20}, persistence: {samples: 3}}
          """);
    }
    crackMeter = DatabaseFixture.sensorId(database, "LF-T1", "crack_width");
    start = System.currentTimeMillis() - 30 * MINUTE;
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void aSampleCommittedAfterANewerOneIsSteppedExactlyOnce() throws Exception {
    PointEvaluator evaluator = evaluator();
    // three red samples at minutes 0, 1, 2; the gateway that received minute 2 commits first (the other is behind)
    crack(2, 25);
    evaluate(evaluator);
    crack(0, 25);
    evaluate(evaluator);
    evaluate(evaluator);

    assertEquals(List.of(), events(), "two red samples, however often evaluated, are not the three the rule needs");
    assertEquals(2, pendingSamples());

    crack(1, 25);
    evaluate(evaluator);

    assertEquals(List.of("raised:red"), events(), "the third sample, also committed late, completes the run");
  }

  @Test
  void readingsCommittedButNeverEvaluatedAreFoundAtStart() throws Exception {
    PointEvaluator evaluator = evaluator();
    crack(0, 1);
    evaluate(evaluator);
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(List.of(), PendingEvaluations.find(c), "nothing is waiting once the point is evaluated");
    }
    // committed and acknowledged, then the gateway died before it evaluated the point
    for (int minute = 1; minute <= 3; minute++) {
      crack(minute, 25);
    }

    List<String> pending;
    try (Connection c = database.dataSource().getConnection()) {
      pending = PendingEvaluations.find(c);
    }
    assertEquals(List.of(POINT), pending);
    EvaluationQueue queue = new EvaluationQueue(new Workers(), database.dataSource(), evaluator, evaluation -> { });
    queue.submit(pending);
    queue.start();
    assertEquals(0, queue.drain(Duration.ofSeconds(30)));
    queue.close();

    assertEquals(List.of("raised:red"), events());
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(List.of(), PendingEvaluations.find(c));
    }
  }

  @Test
  void stoppingEvaluatesThePointsStillWaiting() throws Exception {
    for (int minute = 0; minute < 3; minute++) {
      crack(minute, 25);
    }
    EvaluationQueue queue = new EvaluationQueue(new Workers(), database.dataSource(), evaluator(), evaluation -> { });
    queue.start();
    queue.submit(List.of(POINT));

    queue.drain(Duration.ofSeconds(30));
    queue.close();

    assertEquals(List.of("raised:red"), events());
  }

  private void crack(int minute, double millimetres) throws Exception {
    long ts = start + minute * MINUTE;
    try (Connection c = database.dataSource().getConnection()) {
      new BatchWriter().write(c, new IngestBatch(List.of(new ReadingRow(crackMeter, ts, millimetres, 0, ts + 1_000)),
          List.of(), List.of(), List.of(), List.of()));
    }
  }

  private static PointEvaluator evaluator() {
    return new PointEvaluator(3_600_000L, new Notifier(DeliveryConfig.DEFAULTS));
  }

  private void evaluate(PointEvaluator evaluator) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      evaluator.evaluate(c, POINT);
    }
  }

  private int pendingSamples() throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pending_samples FROM rule_state s JOIN warning_rule w ON w.id = s.rule_id"
            + " WHERE w.name = 'crack'")) {
      r.next();
      return r.getInt(1);
    }
  }

  private List<String> events() throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT type, coalesce(level, '') FROM alert_event ORDER BY id")) {
      while (r.next()) {
        events.add(r.getString(1) + ":" + r.getString(2));
      }
    }
    return events;
  }
}
