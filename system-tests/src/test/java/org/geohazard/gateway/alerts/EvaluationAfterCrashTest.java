package org.geohazard.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readings are acknowledged to the broker once committed, before their point is evaluated: a gateway that dies in
 * between leaves readings nobody will send again. The next gateway to start evaluates them.
 */
@Timeout(120)
class EvaluationAfterCrashTest {

  @Test
  void readingsCommittedButNeverEvaluatedRaiseTheWarningAtTheNextStart() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Path registry = GatewayRunner.rulesRegistry();
    String broker = TestBrokers.hivemq();
    try (GatewayRunner first = GatewayRunner.start(GatewayRunner.environment(database.url(), broker, "crash/v1",
        registry))) {
      assertEquals(List.of(), sql.column("SELECT id FROM alert"));
    }
    // what the dead gateway committed and acknowledged: six minutes of 10 mm, red from the fourth (40 mm)
    sql.execute("INSERT INTO reading (sensor_id, ts, value, flags, received_at)"
        + " SELECT s.id, now() - i * INTERVAL '1 minute', 10, 0, now() - i * INTERVAL '1 minute'"
        + " FROM sensor s, generate_series(0, 5) i WHERE s.device_id = 'RG-W1' AND s.channel = 'rainfall'");

    try (GatewayRunner second = GatewayRunner.start(GatewayRunner.environment(database.url(), broker, "crash/v1",
        registry))) {
      List<String> events = Eventually.await(Duration.ofSeconds(20),
          () -> sql.column("SELECT type || ':' || level FROM alert_event ORDER BY id"),
          e -> e.stream().anyMatch(event -> event.endsWith(":red")));
      assertEquals("red", events.get(events.size() - 1).split(":")[1], events.toString());
      assertEquals(List.of("4"), sql.column("SELECT severity FROM point_evaluation WHERE point_code = 'P-RAIN'"));
    }
  }
}
