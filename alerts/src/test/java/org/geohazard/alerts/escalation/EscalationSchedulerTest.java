package org.geohazard.alerts.escalation;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.EscalationPolicy;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.alerts.lifecycle.Answers;
import org.geohazard.domain.WarningLevel;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An unanswered warning keeps reminding the duty officers and climbs to the leader on duty; an answer stops it. */
@Timeout(60)
class EscalationSchedulerTest {
  private Vertx vertx;
  private Database database;
  private EscalationScheduler scheduler;
  private long alertId;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    Map<WarningLevel, Duration> minute = Map.of(WarningLevel.BLUE, Duration.ofMinutes(1), WarningLevel.YELLOW,
        Duration.ofMinutes(1), WarningLevel.ORANGE, Duration.ofMinutes(1), WarningLevel.RED, Duration.ofMinutes(1));
    Map<WarningLevel, Duration> fiveMinutes = Map.of(WarningLevel.BLUE, Duration.ofMinutes(5), WarningLevel.YELLOW,
        Duration.ofMinutes(5), WarningLevel.ORANGE, Duration.ofMinutes(5), WarningLevel.RED, Duration.ofMinutes(5));
    scheduler = new EscalationScheduler(database.dataSource(), new EscalationPolicy(minute, fiveMinutes),
        new Notifier(DeliveryConfig.DEFAULTS));
    sql("INSERT INTO person (name, phone) VALUES ('Leader', '13900000010')");
    sql("INSERT INTO person_role (person_id, role, county) SELECT id, 'leader', 'Test County' FROM person"
        + " WHERE phone = '13900000010'");
    sql("INSERT INTO alert (point_code, source, kind, level, title, raised_at) VALUES"
        + " ('510100000001', 'warning', 'warning', 'red', 'Test slope: RED warning', now() - INTERVAL '90 seconds')");
    alertId = count(database, "SELECT max(id) FROM alert");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void unansweredWarningRemindsThenEscalatesThenStopsWhenAnswered() throws Exception {
    assertEquals(1, scheduler.runOnce(), "a minute and a half unanswered: one reminder to the duty officer");
    assertEquals(0, scheduler.runOnce(), "not again within the reminder interval");

    sql("UPDATE alert SET raised_at = now() - INTERVAL '6 minutes', last_reminded_at = now() - INTERVAL '61 seconds'");
    assertEquals(2, scheduler.runOnce(), "another reminder, and the leader on duty");
    assertEquals(1, count(database, "SELECT count(*) FROM outbox o JOIN person p ON p.id = o.person_id"
        + " WHERE o.purpose = 'escalation' AND p.phone = '13900000010'"));
    assertEquals(2, count(database, "SELECT reminders FROM alert"));

    sql("INSERT INTO person (name, phone) VALUES ('Administrator', '13900000011')");
    sql("INSERT INTO person_role (person_id, role) SELECT id, 'admin' FROM person WHERE phone = '13900000011'");
    sql("UPDATE alert SET raised_at = now() - INTERVAL '11 minutes'");
    assertEquals(2, scheduler.runOnce(), "after twice the delay: the next tier, the county's leaders and admins");
    assertEquals(2, count(database, "SELECT escalation_tier FROM alert"));
    assertEquals(0, scheduler.runOnce(), "the top tier is reached once");

    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(Answers.Outcome.ANSWERED,
          Answers.answer(c, alertId, count(database, "SELECT id FROM person WHERE phone = '13800000001'")));
    }
    sql("UPDATE alert SET last_reminded_at = now() - INTERVAL '10 minutes'");
    assertEquals(0, scheduler.runOnce(), "an answered alert stops ringing");
    assertEquals(1, count(database, "SELECT count(*) FROM alert_event WHERE type = 'answered'"));
  }

  @Test
  void aClimbNeedsANewAnswerFromTheDutyRoom() throws Exception {
    AlertActions actions = new AlertActions(new Notifier(DeliveryConfig.DEFAULTS));
    long monitor = count(database, "SELECT id FROM person WHERE phone = '13800000002'");
    long duty = count(database, "SELECT id FROM person WHERE phone = '13800000001'");
    sql("UPDATE alert SET level = 'blue'");

    answer(actions, monitor);
    assertTrue(scheduler.runOnce() > 0, "the monitor has it, but the duty room has not answered: reminders go on");
    answer(actions, duty);
    sql("UPDATE alert SET last_reminded_at = now() - INTERVAL '10 minutes'");
    assertEquals(0, scheduler.runOnce(), "the duty room answered blue");

    try (Connection c = database.dataSource().getConnection()) {
      Database.inTransaction(c, t -> {
        AlertRepository.changeLevel(t, alertId, WarningLevel.BLUE, WarningLevel.RED, null);
        return null;
      });
    }
    assertEquals("open", state(), "red has not been answered");
    assertEquals(0, scheduler.runOnce(), "reminders count from the climb, not from the raise");
    sql("UPDATE alert SET level_since = now() - INTERVAL '6 minutes'");
    assertEquals(2, scheduler.runOnce(), "a reminder of red, and red goes to the leader on duty");
    answer(actions, monitor);
    sql("UPDATE alert SET last_reminded_at = now() - INTERVAL '2 minutes'");
    assertEquals(1, scheduler.runOnce(), "the monitor's answer to red is recorded but the duty room must answer");
    answer(actions, duty);
    sql("UPDATE alert SET last_reminded_at = now() - INTERVAL '10 minutes', level_since = now() - INTERVAL '1 hour'");
    assertEquals(0, scheduler.runOnce(), "the duty room answered red");

    assertEquals(List.of("received:blue:" + monitor, "answered:blue:" + duty, "level_up:red:",
        "received:red:" + monitor, "answered:red:" + duty), history());
  }

  private void answer(AlertActions actions, long person) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      actions.answer(c, alertId, person);
    }
  }

  private String state() throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT answered_at IS NULL FROM alert WHERE id = " + alertId)) {
      r.next();
      return r.getBoolean(1) ? "open" : "answered";
    }
  }

  /** type:level:actor of the alert's events. */
  private List<String> history() throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT type || ':' || coalesce(level, '') || ':' || coalesce(actor::text, '')"
            + " FROM alert_event WHERE alert_id = " + alertId + " ORDER BY id")) {
      while (r.next()) {
        events.add(r.getString(1));
      }
    }
    return events;
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
