package org.geohazard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayProcess;
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
 * SIGTERM, as a container stop or a rolling upgrade sends it, while readings arrive: the gateway stops in order within
 * seconds, and says nothing alarming on the way (an on-call engineer must not learn to ignore what a stop logs).
 */
@Timeout(180)
class QuietShutdownIT {
  @Test
  void aStopWhileReadingsArriveLogsNoWarningOrError() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String broker = TestBrokers.mosquitto() != null ? TestBrokers.mosquitto() : TestBrokers.hivemq();
    int httpPort = TestBrokers.freePort();
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, "quiet/v1",
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_HTTP_PORT", String.valueOf(httpPort));
    Path log = Path.of("target", "gateway-quiet-stop.log");

    Process gateway = GatewayProcess.launch(env, httpPort, log);
    try (Stream stream = new Stream(broker, "quiet/v1", "LF-T1", 4000, 400)) {
      Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"), n -> n >= 200);

      gateway.destroy();

      assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM; see " + log);
    } finally {
      gateway.destroyForcibly().waitFor();
    }
    assertQuietStop(log);
  }

  /** The demo's own servers (PostgreSQL, the broker) stop after the gateway, not under it. */
  @Test
  void theDemoStopsItsServersAfterTheGateway() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target"), "demo-stop");
    int httpPort = TestBrokers.freePort();
    Map<String, String> env = Map.of("GEOHAZARD_HTTP_PORT", String.valueOf(httpPort),
        "GEOHAZARD_HTTP_METRICS_PORT", "0",
        "GEOHAZARD_DATABASE_EMBEDDED_PORT", String.valueOf(TestBrokers.freePort()),
        "GEOHAZARD_MQTT_EMBEDDED_PORT", String.valueOf(TestBrokers.freePort()));
    Path log = work.resolve("demo.log");

    Process demo = GatewayProcess.launch(GatewayProcess.DEMO_JAR, work, env, httpPort, log);
    try {
      Thread.sleep(5_000); // the simulator's first readings, the live events listening
      demo.destroy();

      assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM; see " + log);
    } finally {
      demo.destroyForcibly().waitFor();
    }
    assertQuietStop(log);
  }

  private static void assertQuietStop(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int stop = lines.indexOf(lines.stream().filter(l -> l.contains("Stopping the gateway")).findFirst()
        .orElseThrow(() -> new AssertionError("no stop logged; see " + log)));
    List<String> alarming = lines.subList(stop, lines.size()).stream()
        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")).toList();
    assertEquals(List.of(), alarming, "logged while stopping; see " + log);
  }
}
