package org.geohazard.alerts.engine;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.util.List;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.cap.CapRepository;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.lifecycle.Answers;
import org.geohazard.alerts.testing.RainFixture;
import org.geohazard.domain.WarningLevel;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Manual alerts, answers, resolutions and drills, each with its audit trail and its messages. */
@Timeout(60)
class AlertActionsTest {
  private static final String POINT = RainFixture.POINT;

  private Vertx vertx;
  private Database database;
  private final Notifier notifier = new Notifier(DeliveryConfig.DEFAULTS);
  private final AlertActions actions = new AlertActions(notifier);
  private final PointEvaluator evaluator = new PointEvaluator(7_200_000L, notifier);
  private long dutyOfficer;
  private final long start = System.currentTimeMillis() - 6 * 3_600_000L;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = RainFixture.database(vertx);
    dutyOfficer = count(database, "SELECT id FROM person WHERE phone = '13800000001'");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void manualAlertTellsItsRecipientsAndResolvingGivesTheAllClear() throws Exception {
    long id;
    try (Connection c = database.dataSource().getConnection()) {
      id = actions.raiseManual(c, POINT, WarningLevel.ORANGE, "Cracks widening on the east flank",
          "reported by the monitor at 03:10", dutyOfficer);
    }
    assertEquals(2, count(database, "SELECT count(*) FROM outbox WHERE channel = 'push' AND purpose = 'notify'"));
    assertEquals(2, count(database, "SELECT count(*) FROM outbox WHERE channel = 'sampling' AND purpose = 'notify'"));

    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(Answers.Outcome.ANSWERED, actions.answer(c, id, dutyOfficer));
      assertEquals(Answers.Outcome.ALREADY, actions.answer(c, id, dutyOfficer), "answered once");
      assertTrue(actions.resolve(c, id, dutyOfficer, "inspected: surface cracks only"));
      assertFalse(actions.resolve(c, id, dutyOfficer, "again"), "closed once");
    }
    assertEquals(2, count(database, "SELECT count(*) FROM outbox WHERE channel = 'push' AND purpose = 'all_clear'"));
    assertEquals(1, count(database, "SELECT count(*) FROM alert_event WHERE type = 'resolved'"
        + " AND note = 'inspected: surface cracks only' AND actor = " + dutyOfficer));
    assertEquals(1, count(database, "SELECT count(*) FROM alert_event WHERE type = 'raised' AND actor = " + dutyOfficer));
  }

  @Test
  void alertsADrillRaisesAreMarkedAsDrillsEndToEnd() throws Exception {
    long alertId;
    try (Connection c = database.dataSource().getConnection()) {
      assertTrue(actions.startDrill(c, POINT, "flood-season exercise", dutyOfficer));
      assertFalse(actions.startDrill(c, POINT, "twice", dutyOfficer), "one drill at a time per point");
      alertId = actions.raiseManual(c, POINT, WarningLevel.RED, "Drill: evacuate the slope", "drill scenario",
          dutyOfficer);
    }

    assertEquals(1, count(database, "SELECT count(*) FROM alert WHERE drill"));
    assertEquals(0, count(database, "SELECT count(*) FROM outbox WHERE NOT drill"));
    assertEquals(0, count(database, "SELECT count(*) FROM outbox WHERE channel = 'push'"
        + " AND payload->>'title' NOT LIKE '[DRILL]%'"));
    try (Connection c = database.dataSource().getConnection()) {
      String cap = new CapWriter("test.example").write(CapRepository.messages(c, alertId).get(0));
      assertTrue(cap.contains("<status>Exercise</status>"), cap);
      assertTrue(actions.stopDrill(c, POINT, dutyOfficer));
    }
  }

  @Test
  void aRealWarningIsNeverLabelledADrill() throws Exception {
    sql("INSERT INTO device (id, point_code, siren) VALUES ('SR-T1', '" + POINT + "', true)");
    try (Connection c = database.dataSource().getConnection()) {
      assertTrue(actions.startDrill(c, null, "province-wide exercise", dutyOfficer));
      assertTrue(actions.startDrill(c, POINT, "this slope's exercise", dutyOfficer));
    }
    rain(0, 30); // real rain while both drills run, confirmed by a second sample: a real red warning
    rain(1, 0);
    evaluate();
    try (Connection c = database.dataSource().getConnection()) {
      assertTrue(actions.stopDrill(c, POINT, dutyOfficer));
      assertTrue(actions.stopDrill(c, null, dutyOfficer));
    }
    rain(2, 0); // the drills are over, the warning goes on
    evaluate();

    long alertId = count(database, "SELECT id FROM alert");
    assertEquals(0, count(database, "SELECT count(*) FROM alert WHERE drill"));
    assertEquals(0, count(database, "SELECT count(*) FROM outbox WHERE drill"));
    assertEquals(0, count(database, "SELECT count(*) FROM outbox WHERE payload->>'title' LIKE '%DRILL%'"
        + " OR payload->>'drill' = 'true'"));
    assertEquals(1, count(database, "SELECT count(*) FROM outbox WHERE channel = 'siren'"
        + " AND payload->'params'->>'pattern' = 'evacuate'"));
    try (Connection c = database.dataSource().getConnection()) {
      for (var message : CapRepository.messages(c, alertId)) {
        String cap = new CapWriter("test.example").write(message);
        assertTrue(cap.contains("<status>Actual</status>"), cap);
      }
    }
  }

  @Test
  void resolvedWarningStaysResolvedWhileItsLevelHolds() throws Exception {
    rain(0, 15);
    evaluate();
    long first = count(database, "SELECT id FROM alert");
    try (Connection c = database.dataSource().getConnection()) {
      assertTrue(actions.resolve(c, first, dutyOfficer, "false alarm: gauge being cleaned"));
    }
    rain(1, 0);
    evaluate();
    assertEquals(1, count(database, "SELECT count(*) FROM alert"), "the same level raises nothing new");

    rain(2, 15);
    evaluate();
    assertEquals(List.of("red"), levelsOfOpenAlerts(), "a higher level raises a new warning");
  }

  private List<String> levelsOfOpenAlerts() throws Exception {
    try (Connection c = database.dataSource().getConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT level FROM alert WHERE closed_at IS NULL")) {
      List<String> levels = new java.util.ArrayList<>();
      while (r.next()) {
        levels.add(r.getString(1));
      }
      return levels;
    }
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }

  private void rain(int index, double millimetres) throws Exception {
    RainFixture.rain(database, start + index * 600_000L, millimetres);
  }

  private void evaluate() throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      evaluator.evaluate(c, POINT);
    }
  }
}
