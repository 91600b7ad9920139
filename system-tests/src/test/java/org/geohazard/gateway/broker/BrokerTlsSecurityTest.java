package org.geohazard.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.geohazard.app.config.ConfigException;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.mqtt.MqttIntake;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.SecureBroker;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * On each secured broker (HiveMQ and Mosquitto, see SecureBroker): devices and the gateway reach the broker over
 * TLS, trusting only the CA of mqtt.ca-file: a broker whose certificate another CA signed (someone in the middle) is
 * refused, and a CA file that cannot be used stops the gateway at start with a message naming the key.
 */
@Timeout(120)
class BrokerTlsSecurityTest {
  private static final int SAMPLES = 50;
  private static final String BROKERS = "org.geohazard.gateway.testing.SecureBroker#available";

  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void theGatewayStoresReadingsOverTlsWithTheCaOfTheShippedScript(SecureBroker broker) throws Exception {
    assumeTrue(broker.url().startsWith("ssl://"), broker + " is given without TLS");
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    try (GatewayRunner gateway = GatewayRunner.start(
        broker.gatewayEnvironment(database.url(), DatabaseFixture.testRegistry()))) {
      new Stream(() -> broker.device("LF-T1"), "LF-T1", SAMPLES, 200).finish();

      long stored = Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      assertEquals(SAMPLES * 2L, stored);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void aBrokerCertificateFromAnotherCaIsRefusedWithAClearLog(SecureBroker broker) throws Exception {
    assumeTrue(broker.url().startsWith("ssl://"), broker + " is given without TLS");
    Path otherCa = otherCa();

    MqttException device = assertThrows(MqttException.class, () -> {
      MqttAsyncClient client = new MqttAsyncClient(broker.url(), "LF-T1", new MemoryPersistence());
      client.connect(SecureBroker.options("LF-T1", SecureBroker.secret("LF-T1"), otherCa.toString()))
          .waitForCompletion(10_000);
    });
    assertInstanceOf(javax.net.ssl.SSLException.class, rootOrSsl(device), String.valueOf(device));

    Map<String, String> env = broker.gatewayEnvironment("jdbc:postgresql://127.0.0.1:1/unused",
        Path.of("unused.yaml"));
    env.put("GEOHAZARD_MQTT_CA_FILE", otherCa.toString());
    Logger log = (Logger) LoggerFactory.getLogger(MqttIntake.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    Vertx vertx = Vertx.vertx();
    try {
      GatewayConfig config = ConfigLoader.load(vertx, null, env).await();
      MqttIntake intake = new MqttIntake(config.mqtt(), config.ingest().maxPayloadBytes());
      intake.start(vertx, message -> { });
      List<ILoggingEvent> refused = Eventually.await(Duration.ofSeconds(15), () -> List.copyOf(events.list),
          list -> list.stream().anyMatch(e -> e.getLevel() == Level.ERROR));
      assertFalse(intake.isConnected(), "connected to a broker the CA does not vouch for");
      intake.close();
      String message = refused.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst()
          .map(ILoggingEvent::getFormattedMessage).orElse("no error logged: " + refused);
      assertTrue(message.contains("TLS handshake") && message.contains(otherCa.toString()), message);
    } finally {
      log.detachAppender(events);
      vertx.close().await();
    }
  }

  @Test
  void aCaFileThatCannotBeReadStopsTheGatewayAtStartNamingTheKey() throws Exception {
    Path missing = Path.of("/nonexistent/ca.crt");
    Throwable error = configFailure(Map.of("GEOHAZARD_MQTT_URL", "ssl://broker.example:8883",
        "GEOHAZARD_MQTT_CA_FILE", missing.toString()));
    assertInstanceOf(ConfigException.class, error, String.valueOf(error));
    assertTrue(error.getMessage().contains("mqtt.ca-file") && error.getMessage().contains(missing.toString()),
        error.getMessage());

    Path notPem = Files.createTempFile("not-a-ca", ".crt");
    Files.writeString(notPem, "not a certificate\n");
    error = configFailure(Map.of("GEOHAZARD_MQTT_URL", "ssl://broker.example:8883",
        "GEOHAZARD_MQTT_CA_FILE", notPem.toString()));
    assertInstanceOf(ConfigException.class, error, String.valueOf(error));
    assertTrue(error.getMessage().contains("mqtt.ca-file"), error.getMessage());

    error = configFailure(Map.of("GEOHAZARD_MQTT_URL", "tcp://broker.example:1883",
        "GEOHAZARD_MQTT_CA_FILE", notPem.toString()));
    assertInstanceOf(ConfigException.class, error, String.valueOf(error));
    assertTrue(error.getMessage().contains("ssl://"), error.getMessage());
  }

  /** A CA made by the shipped script that did not sign the broker's certificate. */
  private static Path otherCa() throws Exception {
    Path dir = Files.createTempDirectory("other-ca");
    Process script = new ProcessBuilder("../deploy/mosquitto/make-certs.sh", dir.toString(), "localhost")
        .redirectErrorStream(true).start();
    assertTrue(script.waitFor(30, TimeUnit.SECONDS) && script.exitValue() == 0,
        new String(script.getInputStream().readAllBytes()));
    return dir.resolve("ca.crt");
  }

  private static Throwable rootOrSsl(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException || t.getCause() == null) {
        return t;
      }
    }
    return error;
  }

  private static Throwable configFailure(Map<String, String> env) {
    Vertx vertx = Vertx.vertx();
    try {
      ConfigLoader.load(vertx, null, env).await();
    } catch (RuntimeException e) {
      return e;
    } finally {
      vertx.close().await();
    }
    throw new AssertionError("the configuration was accepted");
  }
}
