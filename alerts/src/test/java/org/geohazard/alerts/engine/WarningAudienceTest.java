package org.geohazard.alerts.engine;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.testing.RainFixture;
import org.geohazard.alerts.testing.RuleFixtures;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Everyone a warning told to act hears when it is over: a level-down reaches everyone told at a higher level, the
 * all-clear everyone the alert ever told, and every siren it switched on is switched off.
 */
@Timeout(60)
class WarningAudienceTest {
  private static final String POINT = RainFixture.POINT;
  private static final long MINUTE = 60_000L;
  // no blue level, and one sample raises any level (orange and red unconfirmed), so the hour's sum gives exactly the
  // steps under test
  private static final String RULES = """
      points:
        - code: "510100000001"
          rules:
            - {name: rain, kind: accumulation, channel: RG-T1/rainfall, confirm: false,
               windows: {1h: {yellow: 15, orange: 20, red: 25}}}
      """;

  private Vertx vertx;
  private Database database;
  private final Notifier notifier = new Notifier(DeliveryConfig.DEFAULTS);
  private final PointEvaluator evaluator = new PointEvaluator(7_200_000L, notifier);
  private final AlertActions actions = new AlertActions(notifier);
  private final long start = System.currentTimeMillis() - 6 * 3_600_000L;
  private long resident;
  private long dutyOfficer;
  private long monitor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection()) {
      RuleFixtures.importRules(c, RULES);
    }
    sql("INSERT INTO device (id, point_code, siren) VALUES ('SR-T1', '" + POINT + "', true)");
    sql("INSERT INTO person (name, phone) VALUES ('Resident', '13900000077')");
    sql("INSERT INTO person_role (person_id, role, point_code) SELECT id, 'resident', '" + POINT
        + "' FROM person WHERE phone = '13900000077'");
    resident = count(database, "SELECT id FROM person WHERE phone = '13900000077'");
    dutyOfficer = count(database, "SELECT id FROM person WHERE phone = '13800000001'");
    monitor = count(database, "SELECT id FROM person WHERE phone = '13800000002'");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void residentsEvacuatedAtRedHearTheAllClearAfterAStepwiseDecline() throws Exception {
    for (int i = 0; i < 5; i++) {
      rain(i, 5);
    }
    evaluate(); // 25 mm in the hour: red, residents evacuate, the siren sounds
    for (int i = 6; i < 9; i++) {
      rain(i, 0);
      evaluate(); // the oldest 5 mm leave the hour: orange, yellow, then nothing
    }
    assertEquals(List.of("raised:red", "level_down:orange", "level_down:yellow", "expired:"), events());

    assertEquals(List.of("notify:raised:red", "notify:level_down:orange", "notify:level_down:yellow",
        "all_clear:ended:yellow"), messagesTo(resident), "the resident hears every step down and the end");
    assertEquals(List.of("notify:raised:red", "notify:level_down:orange", "notify:level_down:yellow",
        "all_clear:ended:yellow"), messagesTo(dutyOfficer));
    assertEquals(messagesTo(dutyOfficer), messagesTo(monitor));
    String stillAway = body(resident, "level_down", "yellow");
    assertTrue(stillAway.contains("do not go home"), stillAway);
    String over = body(resident, "ended", "yellow");
    assertTrue(over.contains("may return"), over);
    assertEquals(List.of("on", "off"), sirenCommands());
  }

  @Test
  void aDutyOfficersResolveReachesEveryoneTheAlertToldAndStopsItsSirenWhateverThePolicyNowSays() throws Exception {
    for (int i = 0; i < 5; i++) {
      rain(i, 5);
    }
    evaluate(); // red: residents evacuate, the siren sounds
    // meanwhile an administrator narrows red to the duty room, without sirens
    sql("INSERT INTO recipient_policy (point_code, level, roles, sirens) VALUES ('" + POINT + "', 'red',"
        + " ARRAY['duty_officer'], false)");
    long alert = count(database, "SELECT id FROM alert");
    try (Connection c = database.dataSource().getConnection()) {
      assertTrue(actions.resolve(c, alert, dutyOfficer, "slope inspected"));
    }

    assertEquals(List.of("notify:raised:red", "all_clear:ended:red"), messagesTo(resident));
    assertEquals(List.of("notify:raised:red", "all_clear:ended:red"), messagesTo(monitor));
    assertEquals(List.of("notify:raised:red", "all_clear:ended:red"), messagesTo(dutyOfficer));
    assertEquals(List.of("on", "off"), sirenCommands(), "the siren the alert switched on stops");
  }

  private void rain(int index, double millimetres) throws Exception {
    RainFixture.rain(database, start + index * 10 * MINUTE, millimetres);
  }

  private void evaluate() throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      evaluator.evaluate(c, POINT);
    }
  }

  /** purpose:event:level of each app message to a person, in order. */
  private List<String> messagesTo(long person) throws Exception {
    return strings("SELECT purpose || ':' || (payload->>'event') || ':' || (payload->>'level') FROM outbox"
        + " WHERE channel = 'push' AND person_id = " + person + " ORDER BY id");
  }

  private String body(long person, String event, String level) throws Exception {
    return strings("SELECT payload->>'body' FROM outbox WHERE channel = 'push' AND person_id = " + person
        + " AND payload->>'event' = '" + event + "' AND payload->>'level' = '" + level + "'").get(0);
  }

  private List<String> sirenCommands() throws Exception {
    return strings("SELECT payload->'params'->>'action' FROM outbox WHERE channel = 'siren' ORDER BY id");
  }

  private List<String> events() throws Exception {
    return strings("SELECT type || ':' || coalesce(level, '') FROM alert_event ORDER BY id");
  }

  private List<String> strings(String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
