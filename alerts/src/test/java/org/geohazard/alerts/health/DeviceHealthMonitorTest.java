package org.geohazard.alerts.health;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.HealthConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Offline, low battery, stuck and out-of-range devices become alerts for the duty room, once, and end when fixed. */
@Timeout(60)
class DeviceHealthMonitorTest {
  private Vertx vertx;
  private Database database;
  private DeviceHealthMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    monitor = new DeviceHealthMonitor(database.dataSource(), HealthConfig.DEFAULTS, Duration.ofHours(1),
        new Notifier(DeliveryConfig.DEFAULTS));
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void eachConditionIsOneAlertUntilItClears() throws Exception {
    int crack = DatabaseFixture.sensorId(database, "LF-T1", "crack_width");
    int crack2 = DatabaseFixture.sensorId(database, "LF-T1", "crack_width_2");
    int rain = DatabaseFixture.sensorId(database, "RG-T1", "rainfall");
    sql("INSERT INTO device_state (device_id, online, status_at, last_seen) VALUES ('LF-T1', false, now(), now())");
    sql("INSERT INTO device_state (device_id, online, battery_v, status_at, last_seen)"
        + " VALUES ('RG-T1', true, 3.1, now(), now())");
    sql("INSERT INTO reading SELECT " + crack + ", now() - INTERVAL '5 minutes', 9999, 1, now()");
    sql("INSERT INTO reading SELECT " + crack2 + ", now() - i * INTERVAL '1 hour', 4.2, 0, now()"
        + " FROM generate_series(0, 11) i");
    sql("INSERT INTO reading SELECT " + rain + ", now() - i * INTERVAL '1 hour', 0, 0, now()"
        + " FROM generate_series(0, 11) i");

    assertEquals(4, monitor.runOnce());
    assertEquals(List.of("device:LF-T1:offline", "device:LF-T1:out_of_range", "device:LF-T1:stuck:crack_width_2",
        "device:RG-T1:low_battery"), openSources());
    assertEquals(0, monitor.runOnce(), "a condition that holds raises nothing new");
    assertEquals(8, count(database, "SELECT count(*) FROM outbox WHERE purpose = 'notify'"),
        "duty officer and monitor, for each of the four");
    assertEquals(0, count(database, "SELECT count(*) FROM outbox o JOIN person_role r ON r.person_id = o.person_id"
        + " WHERE r.role = 'resident'"));

    sql("UPDATE device_state SET online = true, battery_v = 3.9");
    assertEquals(2, monitor.runOnce());
    assertEquals(List.of("device:LF-T1:out_of_range", "device:LF-T1:stuck:crack_width_2"), openSources());
    assertEquals(2, count(database, "SELECT count(*) FROM alert_event WHERE type = 'expired'"));
  }

  @Test
  void aClockTooFarBehindOrAheadIsAnAlertButAnHonestBacklogIsNot() throws Exception {
    int crack = DatabaseFixture.sensorId(database, "LF-T1", "crack_width");
    int rain = DatabaseFixture.sensorId(database, "RG-T1", "rainfall");
    sql("INSERT INTO device_state (device_id, online, status_at, last_seen)"
        + " VALUES ('LF-T1', true, now(), now()), ('RG-T1', true, now(), now() - INTERVAL '10 minutes')");
    // the crack meter's clock is two hours behind: every sample arrives two hours "late"
    sql("INSERT INTO reading SELECT " + crack + ", now() - INTERVAL '2 hours' - i * INTERVAL '10 minutes', 4, 0,"
        + " now() - i * INTERVAL '10 minutes' FROM generate_series(0, 5) i");
    // the rain gauge uploads three hours it buffered while offline, up to a sample taken just now
    sql("INSERT INTO reading SELECT " + rain + ", now() - i * INTERVAL '10 minutes', 0.5, 0, now()"
        + " FROM generate_series(0, 18) i");

    assertEquals(1, monitor.runOnce());
    assertEquals(List.of("device:LF-T1:clock_skew"), openSources());
    assertEquals(List.of("Device LF-T1 clock is 120 minutes behind: its readings arrive too late to raise a warning,"
        + " so they protect nobody until its clock is set"), titles());

    // its clock set right, the next sample is on time; the gauge's clock jumps ahead and its samples are refused
    sql("INSERT INTO reading SELECT " + crack + ", now(), 4, 0, now()");
    sql("INSERT INTO dead_letter (received_at, topic, device_id, reason, detail, payload, payload_size)"
        + " VALUES (now(), 'geohazard/v1/RG-T1/telemetry', 'RG-T1', 'future_timestamp', 'sample: ts is 7200 s ahead',"
        + " '\\x00', 1)");

    assertEquals(2, monitor.runOnce());
    assertEquals(List.of("device:RG-T1:clock_skew"), openSources());

    sql("UPDATE device_state SET last_seen = now() + INTERVAL '1 second' WHERE device_id = 'RG-T1'");
    assertEquals(1, monitor.runOnce());
    assertEquals(List.of(), openSources());
  }

  private List<String> titles() throws Exception {
    List<String> titles = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT title FROM alert WHERE closed_at IS NULL ORDER BY source")) {
      while (r.next()) {
        titles.add(r.getString(1));
      }
    }
    return titles;
  }

  private List<String> openSources() throws Exception {
    List<String> sources = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT source FROM alert WHERE closed_at IS NULL ORDER BY source")) {
      while (r.next()) {
        sources.add(r.getString(1));
      }
    }
    return sources;
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
