package org.geohazard.gateway.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.message.Topics;
import org.geohazard.telemetry.pipeline.IngestConfig;
import org.geohazard.telemetry.pipeline.IngestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures nobody planned for in the writer: a message the database refuses with an error that is not about its
 * content, a failure that passes by itself, an Error after a commit. None may stop the stream or lose a reading.
 */
@Timeout(120)
class WriterFailureSecurityTest {
  private static final long T0 = 1_751_356_800_000L;

  @Test
  void aMessageTheDatabaseAlwaysRefusesBecomesADeadLetterAndTheRestIsStored() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String prefix = "poison/v1";
    try (GatewayRunner gateway = GatewayRunner.start(environment(database, prefix));
        TestDevice device = TestDevice.connect(TestBrokers.hivemq(), prefix, "LF-T1")) {
      // a trigger (an audit, a partition gone wrong) that refuses one reading with a non-data error, forever
      sql.execute("""
          CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.value = 666 THEN RAISE EXCEPTION 'poison reading refused by a trigger'; END IF;
            RETURN NEW;
          END $$""");
      sql.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON reading FOR EACH ROW"
          + " EXECUTE FUNCTION refuse_poison()");

      for (int i = 0; i < 40; i++) {
        device.telemetry(sample(i, i == 20 ? 666 : i));
      }

      long stored = Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= 78);
      assertEquals(78, stored, "every reading but the two of the refused message");
      List<String> deadLetters = Eventually.await(Duration.ofSeconds(10),
          () -> sql.column("SELECT reason || ' ' || detail FROM dead_letter"), rows -> !rows.isEmpty());
      assertEquals(1, deadLetters.size(), deadLetters.toString());
      assertTrue(deadLetters.get(0).startsWith("storage_rejected"), deadLetters.get(0));
      assertTrue(deadLetters.get(0).contains("poison reading refused"), deadLetters.get(0));
      assertEquals(0, sql.count("SELECT count(*) FROM reading WHERE value = 666"));
    }
  }

  @Test
  void aFailureThatPassesIsRetriedAndNothingBecomesADeadLetter() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String prefix = "flaky/v1";
    try (GatewayRunner gateway = GatewayRunner.start(environment(database, prefix));
        TestDevice device = TestDevice.connect(TestBrokers.hivemq(), prefix, "LF-T1")) {
      // refuses the first two writes of readings, then lets everything through
      sql.execute("CREATE SEQUENCE flaky_attempts");
      sql.execute("""
          CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF nextval('flaky_attempts') <= 2 THEN RAISE EXCEPTION 'not now'; END IF;
            RETURN NULL;
          END $$""");
      sql.execute("CREATE TRIGGER flaky BEFORE INSERT ON reading FOR EACH STATEMENT EXECUTE FUNCTION flaky()");

      for (int i = 0; i < 20; i++) {
        device.telemetry(sample(i, i));
      }

      assertEquals(40, Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= 40));
      assertEquals(0, sql.count("SELECT count(*) FROM dead_letter"));
      assertTrue(sql.count("SELECT last_value FROM flaky_attempts") >= 3, "the refused writes were tried again");
    }
  }

  @Test
  void anErrorAfterACommitLeavesTheWriterAlive() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String prefix = "error/v1";
    AtomicBoolean thrown = new AtomicBoolean();
    try (GatewayRunner gateway = GatewayRunner.start(environment(database, prefix), batch -> {
          if (thrown.compareAndSet(false, true)) {
            throw new StackOverflowError("a runaway evaluation");
          }
        });
        TestDevice device = TestDevice.connect(TestBrokers.hivemq(), prefix, "LF-T1")) {
      device.telemetry(sample(0, 0));
      Eventually.await(Duration.ofSeconds(10), thrown::get, Boolean::booleanValue);
      for (int i = 1; i < 20; i++) {
        device.telemetry(sample(i, i));
      }

      assertEquals(40, Eventually.await(Duration.ofSeconds(20), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= 40));
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(health.body().contains("{\"id\":\"ingest\",\"status\":\"UP\""), health.body());
    }
  }

  @Test
  void aStoppedWriterIsReportedAndAnIdleOneIsNot() throws Exception {
    IngestConfig config = new IngestConfig(100, Duration.ofMillis(20), 1024, 256, Duration.ofMinutes(5),
        Duration.ofSeconds(1), Duration.ofMinutes(1), 3, Duration.ofSeconds(1));
    IngestPipeline pipeline = new IngestPipeline(new Workers(), config, 10, null, new Topics("idle/v1"), message -> { },
        batch -> { });
    pipeline.start();
    Thread.sleep(1_500);
    assertEquals(Optional.empty(), pipeline.trouble(Duration.ofSeconds(1)), "idle with nothing waiting is fine");

    pipeline.close();
    assertEquals(Optional.of("the ingest writer has stopped"), pipeline.trouble(Duration.ofSeconds(1)));
  }

  private static Map<String, String> environment(DatabaseConfig database, String prefix) throws Exception {
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), prefix,
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_INGEST_RETRY_MAX_BACKOFF_MS", "200");
    return env;
  }

  private static String sample(int i, int value) {
    return "{\"ts\": " + (T0 + i * 1000L) + ", \"values\": {\"crack_width\": " + value + ", \"crack_width_2\": "
        + -value + "}}";
  }
}
