package org.geohazard.gateway.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.geohazard.app.GatewayVerticle;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;

/** A whole gateway in the test JVM, configured the way an operator would: through environment variables. */
public final class GatewayRunner implements AutoCloseable {
  private final Vertx vertx;
  private final String deploymentId;
  private final GatewayVerticle verticle;

  private GatewayRunner(Vertx vertx, String deploymentId, GatewayVerticle verticle) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.verticle = verticle;
  }

  /** Environment for a gateway on the given database and broker, simulator off, HTTP and metrics on free ports. */
  public static Map<String, String> environment(String jdbcUrl, String brokerUrl, String prefix, Path registry) {
    Map<String, String> env = new HashMap<>();
    env.put("GEOHAZARD_DATABASE_URL", jdbcUrl);
    env.put("GEOHAZARD_MQTT_URL", brokerUrl);
    env.put("GEOHAZARD_MQTT_TOPIC_PREFIX", prefix);
    env.put("GEOHAZARD_MQTT_CLIENT_ID", "gateway-" + prefix.replace('/', '-'));
    env.put("GEOHAZARD_SIMULATOR_ENABLED", "false");
    env.put("GEOHAZARD_HTTP_PORT", "0");
    env.put("GEOHAZARD_HTTP_HOST", "127.0.0.1");
    env.put("GEOHAZARD_HTTP_METRICS_PORT", "0");
    env.put("GEOHAZARD_REGISTRY_FILE", registry.toString());
    env.put("GEOHAZARD_API_JWT_SECRET", "a-signing-key-for-tests-only-0123456789");
    return env;
  }

  /** The registry with warning rules that the alert tests share, as a file. */
  public static Path rulesRegistry() throws java.io.IOException {
    return registry(java.nio.file.Files.createTempDirectory("registry"), "/registry-with-rules.yaml");
  }

  /** A registry file of the test resources, copied into the given folder. */
  public static Path registry(Path dir, String resource) throws java.io.IOException {
    Path file = dir.resolve("registry.yaml");
    try (var in = GatewayRunner.class.getResourceAsStream(resource)) {
      java.nio.file.Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** App push through the production FCM client to the local FCM v1 server, a service-account key written into dir. */
  public static void pushTo(Map<String, String> env, org.geohazard.alerts.testing.FakeFcmServer fcm, Path dir)
      throws Exception {
    env.put("GEOHAZARD_PUSH_CREDENTIALS_FILE", fcm.serviceAccountFile(dir).toString());
    env.put("GEOHAZARD_PUSH_PROJECT_ID", "demo");
    env.put("GEOHAZARD_PUSH_ENDPOINT", fcm.endpoint());
  }

  public static GatewayRunner start(Map<String, String> env) {
    return start(env, batch -> { });
  }

  /** With a listener called on the writer thread after each batch is committed and acknowledged. */
  public static GatewayRunner start(Map<String, String> env,
      java.util.function.Consumer<org.geohazard.telemetry.pipeline.StoredBatch> afterCommit) {
    // A short limit makes any blocking call on an event loop show in the log at once.
    Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(
        TimeUnit.MILLISECONDS));
    GatewayConfig config = ConfigLoader.load(vertx, null, env).await();
    GatewayVerticle verticle = new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        afterCommit);
    String id = vertx.deployVerticle(verticle).await();
    return new GatewayRunner(vertx, id, verticle);
  }

  public int httpPort() {
    return verticle.httpPort();
  }

  /** The port of /metrics, when it has one of its own. */
  public int metricsPort() {
    return verticle.metricsPort();
  }

  @Override
  public void close() {
    vertx.undeploy(deploymentId).await();
    vertx.close().await();
  }
}
