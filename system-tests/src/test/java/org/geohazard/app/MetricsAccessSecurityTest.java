package org.geohazard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.geohazard.app.config.ConfigException;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} tells whoever reads it how busy the system is, which devices exist and how the warnings flow: it is
 * never on the public port without a token. By default it has a port of its own (on loopback); with
 * {@code http.metrics-port: -1} it is on the public port and needs {@code http.metrics-token}.
 */
@Timeout(120)
class MetricsAccessSecurityTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "a-metrics-token-for-tests-0123456789";
  private static DatabaseConfig database;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabases.freshDatabase();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void onItsOwnPortMetricsAreServedThereAndAbsentFromThePublicPort() throws Exception {
    try (GatewayRunner node = GatewayRunner.start(apiNode())) {
      assertEquals(404, get(node.httpPort(), "/metrics", null).statusCode());
      assertEquals(200, get(node.httpPort(), "/health", null).statusCode());

      HttpResponse<String> metrics = get(node.metricsPort(), "/metrics", null);
      assertEquals(200, metrics.statusCode(), metrics.body());
      assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      assertEquals(404, get(node.metricsPort(), "/health", null).statusCode(), "the metrics port serves only /metrics");
      assertEquals(404, get(node.metricsPort(), "/api/v1/me", null).statusCode());
    }
  }

  @Test
  void onThePublicPortMetricsNeedTheToken() throws Exception {
    Map<String, String> env = apiNode();
    env.put("GEOHAZARD_HTTP_METRICS_PORT", "-1");
    env.put("GEOHAZARD_HTTP_METRICS_TOKEN", TOKEN);
    try (GatewayRunner node = GatewayRunner.start(env)) {
      HttpResponse<String> without = get(node.httpPort(), "/metrics", null);
      assertEquals(401, without.statusCode());
      assertEquals("Bearer", without.headers().firstValue("WWW-Authenticate").orElse(""));
      assertEquals(401, get(node.httpPort(), "/metrics", "Bearer " + TOKEN + "x").statusCode());
      assertEquals(401, get(node.httpPort(), "/metrics", TOKEN).statusCode());
      assertEquals(200, get(node.httpPort(), "/metrics", "Bearer " + TOKEN).statusCode());
    }
  }

  @Test
  void onItsOwnPortATokenIsAskedForThereToo() throws Exception {
    Map<String, String> env = apiNode();
    env.put("GEOHAZARD_HTTP_METRICS_TOKEN", TOKEN);
    try (GatewayRunner node = GatewayRunner.start(env)) {
      assertEquals(401, get(node.metricsPort(), "/metrics", null).statusCode());
      assertEquals(200, get(node.metricsPort(), "/metrics", "Bearer " + TOKEN).statusCode());
      assertEquals(404, get(node.httpPort(), "/metrics", "Bearer " + TOKEN).statusCode());
    }
  }

  @Test
  void aShortTokenOrMetricsOnThePublicPortWithoutOneAreRefused() {
    assertRefused(Map.of("GEOHAZARD_HTTP_METRICS_TOKEN", "short"), "http.metrics-token must be at least 16");
    assertRefused(Map.of("GEOHAZARD_HTTP_METRICS_PORT", "-2"), "http.metrics-port must be between -1 and 65535");
  }

  private static void assertRefused(Map<String, String> env, String message) {
    try {
      ConfigLoader.load(vertx, null, env).await();
    } catch (RuntimeException e) {
      assertInstanceOf(ConfigException.class, e, String.valueOf(e));
      assertTrue(e.getMessage().contains(message), e.getMessage());
      return;
    }
    throw new AssertionError("the configuration was accepted: " + env);
  }

  private static Map<String, String> apiNode() throws Exception {
    Map<String, String> env = GatewayRunner.environment(database.url(), "tcp://127.0.0.1:1", "metrics/v1",
        GatewayRunner.rulesRegistry());
    env.put("GEOHAZARD_NODE_ROLE", "api");
    return env;
  }

  private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
