package org.geohazard.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
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
 * After an outage the broker hands the gateway's session its queue in order, so readings sent now wait behind the
 * outage's; the live lane lets them through first. A rain gauge crossing red while a long backlog drains raises its
 * warning before the backlog is stored, and every reading of both ends up stored once.
 */
@Timeout(180)
class LiveLaneTest {
  private static final String PREFIX = "lane/v1";
  private static final int BACKLOG = 15_000;

  @Test
  void freshReadingsRaiseTheirWarningWhileTheOutagesBacklogIsStillDraining() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String broker = TestBrokers.hivemq();
    Path registry = GatewayRunner.registry(Files.createTempDirectory("registry"), "/registry-live-lane.yaml");
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, PREFIX, registry);
    try (GatewayRunner first = GatewayRunner.start(env)) {
      assertEquals(0, sql.count("SELECT count(*) FROM reading"));
    }
    long outageStart = System.currentTimeMillis() - 3_600_000;
    queueBacklog(broker, outageStart);

    try (GatewayRunner second = GatewayRunner.start(env);
        TestDevice gauge = TestDevice.connect(broker, PREFIX, "RG-L1")) {
      int sent = 0;
      long storedWhenRed = -1;
      String metricsWhenRed = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        gauge.telemetry("{\"ts\": " + System.currentTimeMillis() + ", \"values\": {\"rainfall\": 10}}");
        sent++;
        Thread.sleep(200);
        if (sql.count("SELECT count(*) FROM alert WHERE point_code = 'P-LIVE' AND level = 'red'") > 0) {
          storedWhenRed = sql.count(backlogStored());
          metricsWhenRed = metrics(second.metricsPort());
          break;
        }
      }
      assertTrue(storedWhenRed >= 0, "the live gauge's red warning was raised");
      assertTrue(storedWhenRed < BACKLOG, "raised before the backlog was stored: " + storedWhenRed + " of "
          + BACKLOG + " backlog readings stored at the time");
      assertTrue(metricsWhenRed.contains("geohazard_live_lane_open 1.0"), "the lane's gauge shows it open");
      assertTrue(metricsWhenRed.lines().anyMatch(line -> line.startsWith("geohazard_live_lane_readings_stored_total ")
          && !line.endsWith(" 0.0")), "the lane's counter shows the readings it stored first");

      int live = sent;
      Eventually.await(Duration.ofSeconds(90), () -> sql.count(backlogStored()), n -> n == BACKLOG);
      assertEquals(live, Eventually.await(Duration.ofSeconds(10), () -> sql.count(liveStored()), n -> n == live),
          "each live reading stored once");
      assertEquals(List.of(), sql.column("SELECT reason FROM dead_letter"));
    }
  }

  private static String metrics(int port) throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static String backlogStored() {
    return "SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.device_id = 'BK-1'";
  }

  private static String liveStored() {
    return "SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.device_id = 'RG-L1'";
  }

  /** The outage: BK-1 sent a reading a second for a long time, all queued for the gateway's session. */
  private static void queueBacklog(String broker, long from) throws Exception {
    MqttAsyncClient device = new MqttAsyncClient(broker, "BK-1", new MemoryPersistence());
    device.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    Semaphore window = new Semaphore(500);
    MqttActionListener release = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        window.release();
      }
    };
    for (int i = 0; i < BACKLOG; i++) {
      window.acquire();
      String body = "{\"ts\": " + (from + i * 200L) + ", \"values\": {\"crack_width\": " + (i % 50) + "}}";
      MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      device.publish(PREFIX + "/BK-1/telemetry", message, null, release);
    }
    window.acquire(500);
    device.disconnect().waitForCompletion(5_000);
    device.close();
  }
}
