package org.geohazard.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.ingest.db.DatabaseConfig;
import org.geohazard.ingest.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readings published over MQTT cross a rule's thresholds and the point's warning follows, through the gateway. */
@Timeout(120)
class WarningFromReadingsTest {

  @Test
  void rainOverMqttRaisesAndClimbsTheWarning() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Path registry = Files.createTempFile("registry", ".yaml");
    try (var in = getClass().getResourceAsStream("/registry-with-rules.yaml")) {
      Files.write(registry, in.readAllBytes());
    }
    String broker = TestBrokers.hivemq();
    try (GatewayRunner gateway = GatewayRunner.start(GatewayRunner.environment(database.url(), broker, "warn/v1",
            registry));
        TestDevice gauge = TestDevice.connect(broker, "warn/v1", "RG-W1")) {
      long now = System.currentTimeMillis();
      for (int i = 5; i >= 0; i--) {
        gauge.telemetry("{\"ts\": " + (now - i * 60_000L) + ", \"values\": {\"rainfall\": 5}}");
      }

      List<String> events = Eventually.await(Duration.ofSeconds(20),
          () -> sql.column("SELECT type || ':' || level FROM alert_event ORDER BY id"),
          e -> e.contains("level_up:orange") || e.contains("raised:orange"));
      assertEquals("orange", events.get(events.size() - 1).split(":")[1]);
      assertEquals(1, sql.count("SELECT count(*) FROM alert WHERE point_code = 'P-RAIN' AND closed_at IS NULL"));
      assertEquals(List.of("3"), sql.column("SELECT severity FROM point_evaluation WHERE point_code = 'P-RAIN'"));
    }
  }
}
