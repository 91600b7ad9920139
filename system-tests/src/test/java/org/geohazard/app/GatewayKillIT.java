package org.geohazard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * The packaged gateway, run as its own process, is killed with SIGKILL in the middle of a stream and started
 * again: the broker redelivers what was not acknowledged, and every reading is stored exactly once.
 */
@Timeout(240)
class GatewayKillIT {
  private static final int SAMPLES = 4000;

  @Test
  void gatewayKilledMidStreamLosesNothingAndDoublesNothing() throws Exception {
    assertTrue(Files.exists(GatewayProcess.JAR),
        "package the production jar first (mvn -pl app -am package): " + GatewayProcess.JAR.toAbsolutePath());
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String broker = TestBrokers.mosquitto() != null ? TestBrokers.mosquitto() : TestBrokers.hivemq();
    int httpPort = TestBrokers.freePort();
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, "kill/v1",
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_HTTP_PORT", String.valueOf(httpPort));

    Process gateway = GatewayProcess.launch(env, httpPort, Path.of("target", "gateway-kill-first.log"));
    long storedAtKill;
    int publishedAtKill;
    try (Stream stream = new Stream(broker, "kill/v1", "LF-T1", SAMPLES, 800)) {
      Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"), n -> n >= 1500);

      gateway.destroyForcibly().waitFor();
      publishedAtKill = stream.published();
      storedAtKill = sql.count("SELECT count(*) FROM reading");
      gateway = GatewayProcess.launch(env, httpPort, Path.of("target", "gateway-kill-second.log"));

      stream.finish();
      long stored = Eventually.await(Duration.ofSeconds(60), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      assertEquals(SAMPLES * 2L, stored);
      assertEquals(SAMPLES, sql.count("SELECT count(DISTINCT ts) FROM reading"));
      assertEquals(SAMPLES - 1, sql.count("SELECT max(seq) FROM (SELECT value AS seq FROM reading) v"));
      assertTrue(publishedAtKill < SAMPLES && storedAtKill < SAMPLES * 2L,
          "the kill should fall inside the stream: " + publishedAtKill + " published, " + storedAtKill + " stored");
    } finally {
      gateway.destroyForcibly().waitFor();
    }
  }
}
