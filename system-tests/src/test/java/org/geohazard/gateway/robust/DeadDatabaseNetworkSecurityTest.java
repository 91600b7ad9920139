package org.geohazard.gateway.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.gateway.testing.BlackHoleProxy;
import org.geohazard.gateway.testing.Eventually;
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
 * The network to the database goes dead in the middle of a stream (no reset, no answer: the connections hang, as
 * they do for about 15 minutes when a firewall forgets them) and comes back. The writer notices within the socket
 * timeout, /health says DOWN with the reasons meanwhile, and once the database can be reached again every reading
 * is stored, none twice.
 */
@Timeout(120)
class DeadDatabaseNetworkSecurityTest {
  private static final int SAMPLES = 800;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aBlackHoledDatabaseIsNoticedReportedAndLosesNothing() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    int port = URI.create(database.url().substring("jdbc:".length())).getPort();
    String prefix = "blackhole/v1";
    try (BlackHoleProxy proxy = BlackHoleProxy.to(port)) {
      Map<String, String> env = GatewayRunner.environment(
          database.url().replace(":" + port + "/", ":" + proxy.port() + "/"), TestBrokers.hivemq(), prefix,
          DatabaseFixture.testRegistry());
      env.put("GEOHAZARD_DATABASE_LOGIN_TIMEOUT_S", "1");
      env.put("GEOHAZARD_DATABASE_SOCKET_TIMEOUT_S", "2");
      env.put("GEOHAZARD_DATABASE_STATEMENT_TIMEOUT_S", "1");
      env.put("GEOHAZARD_DATABASE_API_SOCKET_TIMEOUT_S", "2");
      env.put("GEOHAZARD_DATABASE_API_STATEMENT_TIMEOUT_MS", "1000");
      env.put("GEOHAZARD_DATABASE_LISTEN_CHECK_S", "1");
      env.put("GEOHAZARD_INGEST_STUCK_AFTER_S", "2");
      env.put("GEOHAZARD_INGEST_RETRY_MAX_BACKOFF_MS", "500");

      try (GatewayRunner gateway = GatewayRunner.start(env);
          Stream stream = new Stream(TestBrokers.hivemq(), prefix, "LF-T1", SAMPLES, 100)) {
        String health = "http://127.0.0.1:" + gateway.httpPort() + "/health";
        Eventually.await(Duration.ofSeconds(20), () -> sql.count("SELECT count(*) FROM reading"), n -> n >= 100);
        assertEquals(200, get(health).statusCode());

        proxy.blackHole();
        HttpResponse<String> down = Eventually.await(Duration.ofSeconds(20), () -> get(health),
            r -> r.statusCode() == 503 && r.body().contains("stored nothing") && r.body().contains("LISTEN"));
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("the ingest writer has stored nothing"), down.body());
        assertTrue(down.body().contains("the LISTEN connection is lost"), down.body());
        long storedInTheDark = sql.count("SELECT count(*) FROM reading");

        proxy.restore();
        stream.finish();
        long stored = Eventually.await(Duration.ofSeconds(40), () -> sql.count("SELECT count(*) FROM reading"),
            n -> n >= SAMPLES * 2L);
        assertEquals(SAMPLES * 2L, stored, "stored before the outage ended: " + storedInTheDark);
        assertEquals(SAMPLES, sql.count("SELECT count(DISTINCT ts) FROM reading"));
        assertEquals(0, sql.count("SELECT count(*) FROM dead_letter"));
        HttpResponse<String> up = Eventually.await(Duration.ofSeconds(20), () -> get(health),
            r -> r.statusCode() == 200);
        assertEquals(200, up.statusCode(), up.body());
      }
    }
  }

  @Test
  void aSocketTimeoutNoLongerThanTheStatementTimeoutIsRefusedAtStart() {
    Vertx vertx = Vertx.vertx();
    try {
      RuntimeException error = assertThrows(RuntimeException.class, () -> ConfigLoader.load(vertx, null, Map.of(
          "GEOHAZARD_DATABASE_SOCKET_TIMEOUT_S", "30", "GEOHAZARD_DATABASE_STATEMENT_TIMEOUT_S", "60")).await());
      assertTrue(error.getMessage().contains(
          "database.socket-timeout-s must be longer than database.statement-timeout-s"), error.getMessage());
    } finally {
      vertx.close().await();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
