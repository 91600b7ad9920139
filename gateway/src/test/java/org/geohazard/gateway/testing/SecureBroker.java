package org.geohazard.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.geohazard.gateway.mqtt.MqttTls;

/**
 * The Mosquitto that CI starts with the shipped configuration (deploy/mosquitto/, rendered by
 * .ci/secure-mosquitto.sh): passwords and access rights of the dynamic-security plugin, TLS with certificates made
 * by make-certs.sh. Its clients are the test registry's devices and the gateway, with the secrets of
 * {@code /secure-broker/secrets.txt}.
 */
public final class SecureBroker {
  public static final String URL_ENV = "GEOHAZARD_TEST_SECURE_MOSQUITTO_URL";
  public static final String CA_ENV = "GEOHAZARD_TEST_SECURE_MOSQUITTO_CA";
  /** The gateway's user and client id in the broker's dynamic-security file. */
  public static final String GATEWAY_USER = "gateway";
  public static final String GATEWAY_CLIENT_ID = "geohazard-gateway-1";
  public static final String PREFIX = "geohazard/v1";

  private SecureBroker() {
  }

  /** ssl://localhost:PORT of the secured broker, or null when none is given. */
  public static String url() {
    String url = System.getenv(URL_ENV);
    return url == null || url.isBlank() ? null : url;
  }

  /** The CA file for its TLS listener; empty for a tcp:// url. */
  public static String caFile() {
    String ca = System.getenv(CA_ENV);
    return ca == null ? "" : ca;
  }

  public static String skipReason() {
    return "no secured Mosquitto given: set " + URL_ENV + " and " + CA_ENV + " (.ci/secure-mosquitto.sh)";
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
  public static MqttConnectionOptions options(String user) {
    return options(user, secret(user), caFile());
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

  /** A device of the test registry connecting as the contract says: client id = user name = device id. */
  public static TestDevice device(String id) throws Exception {
    return TestDevice.connect(url(), PREFIX, id, id, options(id));
  }

  /** Environment of a gateway on this broker, in the shared group "gateways", as the compose stack runs it. */
  public static Map<String, String> gatewayEnvironment(String jdbcUrl, Path registry) {
    Map<String, String> env = GatewayRunner.environment(jdbcUrl, url(), PREFIX, registry);
    env.put("GEOHAZARD_MQTT_CLIENT_ID", GATEWAY_CLIENT_ID);
    env.put("GEOHAZARD_MQTT_USERNAME", GATEWAY_USER);
    env.put("GEOHAZARD_MQTT_PASSWORD", secret(GATEWAY_USER));
    env.put("GEOHAZARD_MQTT_SHARED_GROUP", "gateways");
    env.put("GEOHAZARD_MQTT_CA_FILE", caFile());
    return env;
  }
}
