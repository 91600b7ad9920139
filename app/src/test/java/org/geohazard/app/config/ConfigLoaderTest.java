package org.geohazard.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.geohazard.storage.TimescaleMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("unit")
@Timeout(30)
class ConfigLoaderTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void withoutConfigurationEverythingIsEmbeddedWithTheSimulator() {
    GatewayConfig config = ConfigLoader.load(vertx, null, Map.of()).await();

    assertTrue(config.database().embedded());
    assertTrue(config.mqtt().url().isEmpty());
    assertTrue(config.simulator().enabled());
    assertEquals(8080, config.http().port());
    assertEquals("geohazard/v1", config.mqtt().topicPrefix());
    assertEquals(TimescaleMode.AUTO, config.database().timescale());
    assertEquals("{\"to\": \"${phone}\", \"text\": \"${text}\"}", config.sms().bodyTemplate());
    assertFalse(config.sms().enabled());
  }

  @Test
  void environmentOverridesTheFileWhichOverridesTheDefaults() throws Exception {
    Path file = Files.createTempFile("gateway", ".yaml");
    Files.writeString(file, """
        mqtt:
          url: tcp://broker.example:1883
          shared-group: from-file
        ingest:
          batch-max-messages: 200
        """);
    GatewayConfig config = ConfigLoader.load(vertx, file, Map.of(
        "GEOHAZARD_MQTT_SHARED_GROUP", "from-env",
        "GEOHAZARD_SIMULATOR_ENABLED", "false",
        "GEOHAZARD_INGEST_FLUSH_INTERVAL_MS", "75",
        "GEOHAZARD_DATABASE_URL", "jdbc:postgresql://db:5432/geohazard")).await();

    assertEquals("tcp://broker.example:1883", config.mqtt().url());
    assertEquals("from-env", config.mqtt().sharedGroup());
    assertEquals(200, config.ingest().batchMaxMessages());
    assertEquals(Duration.ofMillis(75), config.ingest().flushInterval());
    assertFalse(config.simulator().enabled());
    assertFalse(config.database().embedded());
  }

  @Test
  void misspeltKeyIsRefusedByName() throws Exception {
    Path file = Files.createTempFile("gateway", ".yaml");
    Files.writeString(file, "mqtt:\n  recieve-maximum: 10\n");

    Throwable error = failure(file, Map.of());
    assertInstanceOf(ConfigException.class, error);
    assertTrue(error.getMessage().contains("mqtt.recieve-maximum"), error.getMessage());
  }

  @Test
  void badValuesAreRefusedWithTheKeyAndTheRule() {
    assertRefused(Map.of("GEOHAZARD_HTTP_PORT", "eighty"), "GEOHAZARD_HTTP_PORT must be a whole number");
    assertRefused(Map.of("GEOHAZARD_MQTT_RECEIVE_MAXIMUM", "0"), ".mqtt.receive-maximum must be between 1");
    assertRefused(Map.of("GEOHAZARD_MQTT_URL", "mqtt://nowhere"), ".mqtt.url must read like tcp://host:1883");
    assertRefused(Map.of("GEOHAZARD_DATABASE_TIMESCALE", "maybe"), "database.timescale must be one of");
    assertRefused(Map.of("GEOHAZARD_DATABASE_RETENTION", "forever"), "database.retention must read like");
    assertRefused(Map.of("GEOHAZARD_SIMULATOR_ENABLED", "yes"), "must be true or false");
  }

  @Test
  void unreadableFileIsNamed() {
    Throwable error = failure(Path.of("/nonexistent/gateway.yaml"), Map.of());
    assertTrue(error.getMessage().contains("/nonexistent/gateway.yaml"), error.getMessage());
  }

  private static Throwable failure(Path file, Map<String, String> env) {
    try {
      ConfigLoader.load(vertx, file, env).await();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the configuration was accepted");
  }

  private static void assertRefused(Map<String, String> env, String message) {
    Throwable error = failure(null, env);
    assertInstanceOf(ConfigException.class, error, String.valueOf(error));
    assertTrue(error.getMessage().contains(message), error.getMessage());
  }
}
