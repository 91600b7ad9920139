package org.geohazard.alerts.escalation;

import static org.geohazard.ingest.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.geohazard.alerts.delivery.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.domain.WarningLevel;
import org.geohazard.ingest.db.Database;
import org.geohazard.ingest.testing.DatabaseFixture;
import org.geohazard.ingest.testing.TestDatabases;
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
      assertTrue(AlertRepository.answer(c, alertId, count(database, "SELECT id FROM person WHERE phone = '13800000001'")));
    }
    sql("UPDATE alert SET last_reminded_at = now() - INTERVAL '10 minutes'");
    assertEquals(0, scheduler.runOnce(), "an answered alert stops ringing");
    assertEquals(1, count(database, "SELECT count(*) FROM alert_event WHERE type = 'answered'"));
  }

  private void sql(String statement) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
