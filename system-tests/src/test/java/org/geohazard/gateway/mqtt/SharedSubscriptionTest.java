package org.geohazard.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateways in one shared-subscription group split the devices' messages and together store each reading
 * once. Run on Mosquitto, which splits evenly (the embedded HiveMQ often gives one member everything).
 */
@Timeout(120)
class SharedSubscriptionTest {
  private static final int SAMPLES = 1000;

  @Test
  void twoGatewaysInOneGroupSplitTheLoadAndStoreEachReadingOnce() throws Exception {
    String broker = TestBrokers.mosquitto();
    assumeTrue(broker != null, "no Mosquitto given: set " + TestBrokers.MOSQUITTO_ENV + "=tcp://127.0.0.1:PORT");
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> first = GatewayRunner.environment(database.url(), broker, "shared/v1",
        DatabaseFixture.testRegistry());
    first.put("GEOHAZARD_MQTT_SHARED_GROUP", "gateways");
    first.put("GEOHAZARD_MQTT_CLIENT_ID", "gateway-a");
    Map<String, String> second = new java.util.HashMap<>(first);
    second.put("GEOHAZARD_MQTT_CLIENT_ID", "gateway-b");

    try (GatewayRunner a = GatewayRunner.start(first); GatewayRunner b = GatewayRunner.start(second)) {
      new Stream(broker, "shared/v1", "LF-T1", SAMPLES, 2000).finish();

      long stored = Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      assertEquals(SAMPLES * 2L, stored);
      double byA = messagesWritten(a.metricsPort());
      double byB = messagesWritten(b.metricsPort());
      assertEquals(SAMPLES, byA + byB, 0.0, "each message is written by exactly one gateway");
      assertTrue(byA > SAMPLES / 10.0 && byB > SAMPLES / 10.0, "load split " + byA + " / " + byB);
    }
  }

  private static double messagesWritten(int port) throws Exception {
    String metrics = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith("geohazard_ingest_messages_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).sum();
  }
}
