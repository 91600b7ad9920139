package org.geohazard.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.geohazard.gateway.mqtt.MqttTls;

/**
 * A broker run with the shipped configuration and the per-device rules: HiveMQ CE from deploy/hivemq/ with the
 * geohazard-device-rules extension ({@link SecureHiveMq}, started in this JVM), and the Mosquitto that CI starts
 * from deploy/mosquitto/ with the dynamic-security plugin (.ci/secure-mosquitto.sh). Both take the same
 * credentials file, made by make-dynsec.sh; their clients are the test registry's devices and the gateways, with
 * the secrets of {@code /secure-broker/secrets.txt}. The broker security tests run against each.
 */
public final class SecureBroker {
  public static final String URL_ENV = "GEOHAZARD_TEST_SECURE_MOSQUITTO_URL";
  public static final String CA_ENV = "GEOHAZARD_TEST_SECURE_MOSQUITTO_CA";
  /** The gateway's user and client id in the credentials file. */
  public static final String GATEWAY_USER = "gateway";
  public static final String GATEWAY_CLIENT_ID = "geohazard-gateway-1";
  /** The GATEWAYS setting of make-dynsec.sh for the test brokers. */
  public static final String GATEWAYS = "gateway=geohazard-gateway-1 gateway-2=geohazard-gateway-2";
  public static final String PREFIX = "geohazard/v1";

  private final String name;
  private final String url;
  private final String caFile;

  public SecureBroker(String name, String url, String caFile) {
    this.name = name;
    this.url = url;
    this.caFile = caFile;
  }

  /** The brokers to test the rules on: HiveMQ always, Mosquitto when CI gives one. */
  public static List<SecureBroker> available() {
    List<SecureBroker> brokers = new ArrayList<>();
    brokers.add(SecureHiveMq.shared());
    SecureBroker mosquitto = mosquitto();
    if (mosquitto != null) {
      brokers.add(mosquitto);
    }
    return brokers;
  }

  /** The secured Mosquitto given to this run, or null. */
  public static SecureBroker mosquitto() {
    String url = System.getenv(URL_ENV);
    if (url == null || url.isBlank()) {
      return null;
    }
    String ca = System.getenv(CA_ENV);
    return new SecureBroker("Mosquitto", url, ca == null ? "" : ca);
  }

  /** ssl://localhost:PORT of the broker's TLS listener (or a tcp:// url). */
  public String url() {
    return url;
  }

  /** The CA file for its TLS listener; empty for a tcp:// url. */
  public String caFile() {
    return caFile;
  }

  @Override
  public String toString() {
    return name;
  }

  public static String secret(String name) {
    try (InputStream in = SecureBroker.class.getResourceAsStream("/secure-broker/secrets.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+")).filter(words -> words[0].equals(name))
          .map(words -> words[1]).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no test secret for " + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connection options of the client {@code user} with its own secret (clean start, TLS when the url asks). */
  public MqttConnectionOptions options(String user) {
    return options(user, secret(user), caFile);
  }

  public static MqttConnectionOptions options(String user, String password, String caFile) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout(10);
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    if (!caFile.isEmpty()) {
      options.setSocketFactory(MqttTls.trusting(Path.of(caFile), "test CA"));
    }
    return options;
  }

  /** Connects as the client with a clean start and no session expiry, and leaves: its session is gone. */
  private void endSession(String user, String clientId) {
    try {
      MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
      try {
        client.connect(options(user));
        client.disconnect();
      } finally {
        client.close();
      }
    } catch (MqttException e) {
      throw new IllegalStateException("cannot end the session of " + clientId + " on " + name + ": " + e, e);
    }
  }

  /** A device of the test registry connecting as the contract says: client id = user name = device id. */
  public TestDevice device(String id) throws Exception {
    return TestDevice.connect(url, PREFIX, id, id, options(id));
  }

  /**
   * Environment of a gateway on this broker, in the shared group "gateways", as the compose stack runs it. The
   * gateway's session is ended first: the brokers outlive each test, and messages an earlier test left queued for
   * the session would reach this test's gateway.
   */
  public Map<String, String> gatewayEnvironment(String jdbcUrl, Path registry) {
    endSession(GATEWAY_USER, GATEWAY_CLIENT_ID);
    Map<String, String> env = GatewayRunner.environment(jdbcUrl, url, PREFIX, registry);
    env.put("GEOHAZARD_MQTT_CLIENT_ID", GATEWAY_CLIENT_ID);
    env.put("GEOHAZARD_MQTT_USERNAME", GATEWAY_USER);
    env.put("GEOHAZARD_MQTT_PASSWORD", secret(GATEWAY_USER));
    env.put("GEOHAZARD_MQTT_SHARED_GROUP", "gateways");
    env.put("GEOHAZARD_MQTT_CA_FILE", caFile);
    return env;
  }
}
