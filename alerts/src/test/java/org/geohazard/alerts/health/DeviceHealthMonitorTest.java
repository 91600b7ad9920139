package org.geohazard.alerts.health;

import static org.geohazard.ingest.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.delivery.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.ingest.db.Database;
import org.geohazard.ingest.testing.DatabaseFixture;
import org.geohazard.ingest.testing.TestDatabases;
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
    monitor = new DeviceHealthMonitor(database.dataSource(), HealthConfig.DEFAULTS,
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
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
