package org.geohazard.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The api section's sign-in limits, trusted proxies, connection limits and report font, and the messages for bad
 * values.
 */
@Tag("unit")
@Timeout(30)
class ApiSettingsTest {
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
  void defaultsTrustNoProxyAndSlowSignInsPerClient() throws Exception {
    ApiSettings api = ConfigLoader.load(vertx, null, Map.of()).await().api();
    assertTrue(api.trustedProxies().isEmpty());
    assertEquals(3, api.signIn().freeFailures());
    assertEquals(Duration.ofSeconds(1), api.signIn().delayAfter(3));
    assertEquals(Duration.ofSeconds(8), api.signIn().delayAfter(6));
    assertEquals(Duration.ofMinutes(15), api.signIn().delayAfter(100));
    assertEquals(Duration.ofSeconds(60), api.idleTimeout());
    assertTrue(api.maxConnections() > api.maxStreams());
  }

  @Test
  void trustedProxiesAreCidrRangesFromTheEnvironment() throws Exception {
    ApiSettings api = ConfigLoader.load(vertx, null,
        Map.of("GEOHAZARD_API_TRUSTED_PROXIES", "10.0.0.0/8, ::1, 192.0.2.7")).await().api();
    assertTrue(api.trustedProxies().trusts(InetAddress.getByName("10.20.30.40")));
    assertTrue(api.trustedProxies().trusts(InetAddress.getByName("::1")));
    assertTrue(api.trustedProxies().trusts(InetAddress.getByName("192.0.2.7")));
    assertFalse(api.trustedProxies().trusts(InetAddress.getByName("11.0.0.1")));
    assertFalse(api.trustedProxies().trusts(InetAddress.getByName("192.0.2.8")));
  }

  @Test
  void badValuesAreRefusedWithTheKeyNamed() {
    refused(Map.of("GEOHAZARD_API_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example"), "api.trusted-proxies");
    refused(Map.of("GEOHAZARD_API_TRUSTED_PROXIES", "10.0.0.0/33"), "api.trusted-proxies");
    refused(Map.of("GEOHAZARD_API_MAX_CONNECTIONS", "1000"), "api.max-connections");
    refused(Map.of("GEOHAZARD_API_IDLE_TIMEOUT_S", "10"), "api.idle-timeout-s");
    refused(Map.of("GEOHAZARD_API_FREE_FAILURES", "30"), "api.free-failures");
    refused(Map.of("GEOHAZARD_API_FAILURE_MAX_DELAY_S", "3600"), "api.failure-max-delay-s");
    refused(Map.of("GEOHAZARD_API_REPORT_FONT", "/no/such/font.ttc"), "api.report-font");
  }

  @Test
  void theReportFontIsTheFileNamedOrNoneForTheUsualPlaces() throws Exception {
    assertEquals(null, ConfigLoader.load(vertx, null, Map.of()).await().api().reportFont());
    java.nio.file.Path font = java.nio.file.Files.createTempFile("report-font", ".ttf");
    try {
      assertEquals(font, ConfigLoader.load(vertx, null, Map.of("GEOHAZARD_API_REPORT_FONT", font.toString())).await()
          .api().reportFont());
    } finally {
      java.nio.file.Files.delete(font);
    }
  }

  private static void refused(Map<String, String> env, String key) {
    Throwable error;
    try {
      ConfigLoader.load(vertx, null, env).await();
      throw new AssertionError("accepted: " + env);
    } catch (RuntimeException e) {
      error = e;
    }
    assertInstanceOf(ConfigException.class, error, String.valueOf(error));
    assertTrue(error.getMessage().contains(key), error.getMessage());
  }
}
