package org.geohazard.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readings published over MQTT cross a rule's thresholds and the point's warning follows, through the gateway. */
@Timeout(120)
class WarningFromReadingsTest {

  @Test
  void rainOverMqttRaisesAndClimbsTheWarning() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Path registry = GatewayRunner.rulesRegistry();
    String broker = TestBrokers.hivemq();
    try (GatewayRunner gateway = GatewayRunner.start(GatewayRunner.environment(database.url(), broker, "warn/v1",
            registry));
        TestDevice gauge = TestDevice.connect(broker, "warn/v1", "RG-W1")) {
      long now = System.currentTimeMillis();
      // 5 mm a minute: orange at 30 mm, confirmed by the next sample
      for (int i = 6; i >= 0; i--) {
        gauge.telemetry("{\"ts\": " + (now - i * 60_000L) + ", \"values\": {\"rainfall\": 5}}");
      }

      List<String> events = Eventually.await(Duration.ofSeconds(20),
          () -> sql.column("SELECT type || ':' || level FROM alert_event ORDER BY id"),
          e -> e.contains("level_up:orange") || e.contains("raised:orange"));
      assertEquals("orange", events.get(events.size() - 1).split(":")[1]);
      assertEquals(1, sql.count("SELECT count(*) FROM alert WHERE point_code = 'P-RAIN' AND closed_at IS NULL"));
      assertEquals(List.of("3"), sql.column("SELECT severity FROM point_evaluation WHERE point_code = 'P-RAIN'"));

      String alertId = sql.column("SELECT id FROM alert WHERE point_code = 'P-RAIN'").get(0);
      HttpResponse<String> cap = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.httpPort() + "/alerts/" + alertId + "/cap")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, cap.statusCode());
      assertTrue(cap.headers().firstValue("Content-Type").orElse("").startsWith("application/cap+xml"));
      assertTrue(cap.body().contains("<severity>Severe</severity>"), cap.body());
      assertTrue(cap.body().contains("<status>Actual</status>"), cap.body());

      // the background work that carried it, counted in /metrics
      assertEquals(1.0, metric(gateway, "geohazard_worker_alive{worker=\"ingest-writer\"}"));
      assertTrue(metric(gateway, "geohazard_worker_rounds_total{worker=\"ingest-writer\"}") >= 1);
      assertTrue(metric(gateway, "geohazard_worker_rounds_total{worker=\"alert-evaluator\"}") >= 1);
      assertEquals(0.0, metric(gateway, "geohazard_worker_failures_total{worker=\"alert-evaluator\"}"));
      Eventually.await(Duration.ofSeconds(10),
          () -> metric(gateway, "geohazard_worker_rounds_total{worker=\"outbox-push\"}"), rounds -> rounds >= 1);
    }
  }

  private static double metric(GatewayRunner gateway, String series) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst()
        .orElseThrow(() -> new AssertionError(series + " is not in /metrics"));
  }
}
