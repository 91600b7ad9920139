package org.geohazard.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A red warning switches the point's sirens on through the real broker: a siren that acknowledges is done, one that
 * does not hears the same command again until it answers or the command expires.
 */
@Timeout(120)
class SirenCommandTest {

  @Test
  void redWarningSoundsTheSirensUntilTheyAcknowledge() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Path registry = GatewayRunner.rulesRegistry();
    String broker = TestBrokers.mosquitto() != null ? TestBrokers.mosquitto() : TestBrokers.hivemq();
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, "siren/v1", registry);
    env.put("GEOHAZARD_ALERTS_COMMAND_RESEND_S", "1");
    List<String> answering = new CopyOnWriteArrayList<>();
    List<String> silent = new CopyOnWriteArrayList<>();
    try (GatewayRunner gateway = GatewayRunner.start(env);
        TestDevice gauge = TestDevice.connect(broker, "siren/v1", "RG-W1");
        TestDevice sirenA = TestDevice.connect(broker, "siren/v1", "SR-W1");
        TestDevice sirenB = TestDevice.connect(broker, "siren/v1", "SR-W2")) {
      sirenA.onCommand(command -> {
        answering.add(command);
        String id = new JsonObject(command).getString("id");
        try {
          sirenA.publish("cmd/ack", new JsonObject().put("id", id).put("ok", true).put("ts", System.currentTimeMillis())
              .encode().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      sirenB.onCommand(silent::add);
      long now = System.currentTimeMillis();
      // 10 mm a minute: orange at 30 mm, confirmed at 40; red at 50, confirmed at 60
      for (int i = 5; i >= 0; i--) {
        gauge.telemetry("{\"ts\": " + (now - i * 60_000L) + ", \"values\": {\"rainfall\": 10}}");
      }

      assertEquals(List.of("sent"), Eventually.await(Duration.ofSeconds(30),
          () -> sql.column("SELECT state FROM outbox WHERE device_id = 'SR-W1' AND channel = 'siren'"),
          s -> s.equals(List.of("sent"))));
      List<String> resent = Eventually.await(Duration.ofSeconds(30), () -> List.copyOf(silent), s -> s.size() >= 3);
      assertTrue(resent.size() >= 3, "an unacknowledged command is sent again: " + resent);
      JsonObject first = new JsonObject(resent.get(0));
      assertEquals("siren", first.getString("type"));
      assertEquals("on", first.getJsonObject("params").getString("action"));
      assertTrue(first.getLong("expires") > System.currentTimeMillis());
      assertTrue(resent.stream().allMatch(c -> new JsonObject(c).getString("id").equals(first.getString("id"))),
          "every resend is the same command");
      assertEquals(List.of("pending"),
          sql.column("SELECT state FROM outbox WHERE device_id = 'SR-W2' AND channel = 'siren'"));
      assertEquals(first.getJsonObject("params").getString("action"),
          new JsonObject(answering.get(0)).getJsonObject("params").getString("action"));
    }
  }
}
