package org.geohazard.telemetry.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The database stops in the middle of a stream and comes back: every reading is stored, none twice. */
@Timeout(180)
class DatabaseRestartTest {
  private static final int SAMPLES = 3000;

  @Test
  void databaseOutageMidStreamLosesNothingAndDoublesNothing() throws Exception {
    Path dataDir = Files.createTempDirectory("restart-pg");
    int port = TestBrokers.freePort();
    EmbeddedPostgres postgres = start(dataDir, port);
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    Sql sql = new Sql(url);
    String prefix = "restart/v1";
    Map<String, String> env = GatewayRunner.environment(url, TestBrokers.hivemq(), prefix,
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_INGEST_RETRY_MAX_BACKOFF_MS", "500");

    try (GatewayRunner gateway = GatewayRunner.start(env);
        Stream stream = new Stream(TestBrokers.hivemq(), prefix, "LF-T1", SAMPLES, 500)) {
      Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"), n -> n >= 600);

      postgres.close();
      int publishedAtOutage = stream.published();
      Thread.sleep(2_000);
      postgres = start(dataDir, port);

      stream.finish();
      long stored = Eventually.await(Duration.ofSeconds(60), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      assertEquals(SAMPLES * 2L, stored);
      assertTrue(publishedAtOutage < SAMPLES, "the outage should fall inside the stream");
      assertEquals(SAMPLES, sql.count("SELECT count(DISTINCT ts) FROM reading"));
      assertEquals(SAMPLES - 1, sql.count("SELECT max(value) FROM reading"));
      assertEquals(0, sql.count("SELECT count(*) FROM dead_letter"));
    } finally {
      postgres.close();
    }
  }

  // Never a clean data directory: that would also delete it when the server stops.
  private static EmbeddedPostgres start(Path dataDir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false)
        .setPort(port).start();
  }
}
