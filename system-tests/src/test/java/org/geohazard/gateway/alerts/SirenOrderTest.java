package org.geohazard.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
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
 * Through the real broker: a siren that has not yet answered its "on" when the warning is resolved hears the "off",
 * and never an "on" after it; every command carries a sequence that a device can use to drop a stale one.
 */
@Timeout(120)
class SirenOrderTest {

  @Test
  void aSirenHearsTheOffAndNeverAnOnAfterIt() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String broker = TestBrokers.mosquitto() != null ? TestBrokers.mosquitto() : TestBrokers.hivemq();
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, "order/v1",
        GatewayRunner.rulesRegistry());
    env.put("GEOHAZARD_ALERTS_COMMAND_RESEND_S", "1");
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    try (GatewayRunner gateway = GatewayRunner.start(env);
        TestDevice gauge = TestDevice.connect(broker, "order/v1", "RG-W1");
        TestDevice siren = TestDevice.connect(broker, "order/v1", "SR-W2")) {
      // this siren is slow to answer: it acknowledges nothing until the end
      siren.onCommand(command -> heard.add(new JsonObject(command)));
      long now = System.currentTimeMillis();
      // 10 mm a minute: orange at 30 mm, confirmed at 40; red at 50, confirmed at 60
      for (int i = 5; i >= 0; i--) {
        gauge.telemetry("{\"ts\": " + (now - i * 60_000L) + ", \"values\": {\"rainfall\": 10}}");
      }
      Eventually.await(Duration.ofSeconds(30), () -> List.copyOf(heard), h -> h.size() >= 2);
      assertTrue(heard.size() >= 2, "the on is resent while unanswered: " + heard);

      long alert = sql.count("SELECT id FROM alert WHERE point_code = 'P-RAIN' AND closed_at IS NULL");
      long duty = sql.count("SELECT id FROM person WHERE phone = '13700000001'");
      try (Connection c = DriverManager.getConnection(database.url(), "postgres", "postgres")) {
        assertTrue(new AlertActions(DeliveryConfig.DEFAULTS).resolve(c, alert, duty, "inspected"));
      }
      Eventually.await(Duration.ofSeconds(30), () -> actions(heard), a -> a.contains("off"));
      Thread.sleep(3_000); // three resend periods: a stale "on" would have come by now

      List<String> actions = actions(heard);
      int off = actions.indexOf("off");
      assertTrue(off > 0, "on, then off: " + actions);
      assertEquals(List.of("off"), actions.subList(off, actions.size()).stream().distinct().toList(),
          "never an on after the off: " + actions);
      long onSeq = heard.get(0).getLong("seq");
      assertTrue(heard.get(off).getLong("seq") > onSeq, "the off carries a higher seq than the on");
      assertEquals(List.of("superseded"), sql.column("SELECT state FROM outbox WHERE device_id = 'SR-W2'"
          + " AND payload -> 'params' ->> 'action' = 'on'"));

      // the device answers the superseded on late: recorded, and nothing changes
      String onId = heard.get(0).getString("id");
      siren.publish("cmd/ack", new JsonObject().put("id", onId).put("ok", true).put("ts", System.currentTimeMillis())
          .encode().getBytes(StandardCharsets.UTF_8));
      Eventually.await(Duration.ofSeconds(10), () -> sql.count("SELECT count(*) FROM command_ack WHERE command_id = '"
          + onId + "'"), n -> n == 1);
      assertEquals(1, sql.count("SELECT count(*) FROM command_ack WHERE command_id = '" + onId + "'"));
      assertEquals(List.of("superseded"), sql.column("SELECT state FROM outbox WHERE device_id = 'SR-W2'"
          + " AND payload -> 'params' ->> 'action' = 'on'"));
    }
  }

  private static List<String> actions(List<JsonObject> heard) {
    return heard.stream().map(c -> c.getJsonObject("params").getString("action")).toList();
  }
}
