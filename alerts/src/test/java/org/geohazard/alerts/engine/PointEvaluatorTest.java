package org.geohazard.alerts.engine;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.alerts.testing.RuleFixtures;
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

/** Rules evaluated against readings in a real database: alerts raised once, moved, ended, with their audit trail. */
@Timeout(120)
class PointEvaluatorTest {
  private static final String POINT = "510100000001";
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final String RULES = """
      points:
        - code: "510100000001"
          rules:
            - name: rain-1h
              kind: accumulation
              channel: RG-T1/rainfall
              windows:
                1h: {blue: 10, yellow: 15, orange: 20, red: 25}
            - name: crack
              kind: change
              channel: LF-T1/crack_width
              baseline: 10
              levels: {yellow: 5, red: 20}
              persistence: {samples: 2}
              standalone: false
            - name: village
              kind: combination
              of: [rain-1h, crack]
              mode: all
      """;

  private Vertx vertx;
  private Database database;
  private int rainGauge;
  private long start;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(3, RuleFixtures.importRules(c, RULES));
    }
    rainGauge = DatabaseFixture.sensorId(database, "RG-T1", "rainfall");
    start = System.currentTimeMillis() - 6 * HOUR;
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void stormRaisesClimbsAndEndsOneWarningWithItsAuditTrail() throws Exception {
    PointEvaluator evaluator = evaluator();
    // ten-minute rain: 8 samples of 5 mm, then dry; the hour's sum climbs to 30 mm and falls back
    for (int i = 0; i < 20; i++) {
      rain(i, i < 8 ? 5 : 0, 0);
      evaluate(evaluator);
    }

    assertEquals(List.of("raised:blue", "level_up:yellow", "level_up:orange", "level_up:red", "level_down:orange",
        "level_down:yellow", "level_down:blue", "expired:"), events());
    assertEquals(1, count(database, "SELECT count(*) FROM alert"));
    assertEquals(1, count(database, "SELECT count(*) FROM alert WHERE closed_at IS NOT NULL"));
  }

  @Test
  void restartInTheMiddleOfAStormResumesWhereEvaluationStopped() throws Exception {
    for (int i = 0; i < 3; i++) {
      rain(i, 5, 0);
    }
    evaluate(evaluator());
    // a new evaluator, as after a restart, knows only what the tables hold
    for (int i = 3; i < 8; i++) {
      rain(i, 5, 0);
    }
    evaluate(evaluator());

    assertEquals(List.of("raised:yellow", "level_up:red"), events());
  }

  @Test
  void twoEvaluatorsOnOnePointProduceOneAlert() throws Exception {
    for (int i = 0; i < 8; i++) {
      rain(i, 5, 0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      runs.add(pool.submit(() -> {
        evaluate(evaluator());
        return null;
      }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();

    assertEquals(List.of("raised:red"), events());
  }

  @Test
  void lateBacklogUpdatesHistoryButWakesNobody() throws Exception {
    PointEvaluator evaluator = evaluator();
    rain(0, 0, 0);
    evaluate(evaluator);
    // a gauge that was offline uploads an hour of heavy rain three hours later
    for (int i = 1; i <= 6; i++) {
      rain(i, 10, 3 * HOUR);
    }
    evaluate(evaluator);

    assertEquals(List.of(), events());
    assertEquals(7, count(database, "SELECT count(*) FROM reading WHERE sensor_id = " + rainGauge));
  }

  @Test
  void combinationNeedsBothKindsOfEvidence() throws Exception {
    PointEvaluator evaluator = evaluator();
    int crack = DatabaseFixture.sensorId(database, "LF-T1", "crack_width");
    for (int i = 0; i < 5; i++) {
      rain(i, 10, 0);
      write(new ReadingRow(crack, start + i * 10 * MINUTE, 10 + 8 * i, 0, start + i * 10 * MINUTE));
    }
    Evaluation evaluation = evaluate(evaluator);

    assertEquals(4, evaluation.ruleLevels().get("rain-1h"));
    assertEquals(4, evaluation.ruleLevels().get("crack"));
    assertEquals(4, evaluation.ruleLevels().get("village"));
    assertTrue(events().get(0).startsWith("raised:red"));
  }

  @Test
  void eachLevelChangeTellsItsRecipientsOnceAndSirensFollowRed() throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO device (id, point_code, siren) VALUES ('SR-T1', '" + POINT + "', true)");
      s.execute("INSERT INTO person (name, phone) VALUES ('Resident', '13900000077')");
      s.execute("INSERT INTO person_role (person_id, role, point_code) SELECT id, 'resident', '" + POINT
          + "' FROM person WHERE phone = '13900000077'");
    }
    PointEvaluator evaluator = evaluator();
    rain(0, 10, 0);
    evaluate(evaluator); // blue: duty officer and monitor
    evaluate(evaluator); // nothing new: the same level sends nothing
    rain(1, 20, 0);
    rain(2, 0, 0); // the hour's sum stays at red: the second sample confirms it
    evaluate(evaluator); // red: duty officer, monitor, resident; siren on; faster sampling
    for (int i = 3; i < 10; i++) {
      rain(i, 0, 0);
    }
    evaluate(evaluator); // ended: all-clear to red's recipients, siren off, sampling back to normal

    assertEquals(List.of(
            "push:notify:blue:2", "push:notify:red:3", "siren:notify:on:1", "sampling:notify:60:2",
            "push:all_clear:red:3", "siren:all_clear:off:1", "sampling:all_clear:600:2"),
        outboxSummary());
  }

  @Test
  void ruleOnAnUnregisteredChannelIsRefused() throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      RuleException error = assertThrows(RuleException.class, () -> RuleFixtures.importRules(c, """
          points:
            - code: "510100000001"
              rules: [{name: wind, kind: threshold, channel: RG-T1/wind_speed, levels: {red: 30}}]
          """));
      assertTrue(error.getMessage().contains("RG-T1/wind_speed"), error.getMessage());
    }
    assertEquals(3, count(database, "SELECT count(*) FROM warning_rule WHERE enabled"));
  }

  private static PointEvaluator evaluator() {
    return new PointEvaluator(2 * HOUR, new Notifier(DeliveryConfig.DEFAULTS));
  }

  private void rain(int index, double millimetres, long delay) throws Exception {
    long ts = start + index * 10 * MINUTE;
    write(new ReadingRow(rainGauge, ts, millimetres, 0, ts + delay));
  }

  private void write(ReadingRow row) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      new BatchWriter().write(c, new IngestBatch(List.of(row), List.of(), List.of(), List.of(), List.of()));
    }
  }

  private Evaluation evaluate(PointEvaluator evaluator) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      return evaluator.evaluate(c, POINT);
    }
  }

  /** channel:purpose:level or action or interval:count, in order of first appearance. */
  private List<String> outboxSummary() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("""
            SELECT channel || ':' || purpose || ':' || coalesce(payload->>'level', payload->'params'->>'action',
                   payload->'params'->>'interval_s') AS what, count(*), min(id)
            FROM outbox GROUP BY what ORDER BY min(id)""")) {
      while (r.next()) {
        rows.add(r.getString(1) + ":" + r.getInt(2));
      }
    }
    return rows;
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
