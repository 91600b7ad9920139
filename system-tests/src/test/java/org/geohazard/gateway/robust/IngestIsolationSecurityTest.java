package org.geohazard.gateway.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.registry.Passwords;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The apps' API cannot starve ingest. A device streams at a steady rate; then a sign-in flood hits the API, and then
 * 50 concurrent slow requests beside it (the patrols they read are locked by another session, so every request waits
 * on the database until the API's statement timeout: the load is held connections, not CPU). The rate of stored
 * readings, the median of one-second windows, stays within 20 % of the quiet rate measured just before. And a
 * password check holds no connection: with a single API connection, a request beside a burst of sign-ins does not
 * wait for their password checks.
 */
@Timeout(150)
class IngestIsolationSecurityTest {
  private static final int MESSAGES_PER_SECOND = 150;
  private static final String PASSWORD = "a long password for the isolation test";
  private static final String POINT = "510100000001";

  @Test
  void aSignInFloodAndFiftySlowRequestsLeaveTheIngestRateAlone() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    String prefix = "isolation/v1";
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), prefix,
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_DATABASE_API_STATEMENT_TIMEOUT_MS", "2000");
    signInsNotThrottled(env);
    ExecutorService load = Executors.newFixedThreadPool(58);
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger cancelled = new AtomicInteger();
    AtomicInteger signIns = new AtomicInteger();
    try (GatewayRunner gateway = GatewayRunner.start(env);
        Stream stream = new Stream(TestBrokers.hivemq(), prefix, "LF-T1", MESSAGES_PER_SECOND * 60,
            MESSAGES_PER_SECOND)) {
      sql.execute("UPDATE person SET password_hash = '" + Passwords.hash(PASSWORD) + "'");
      ApiClient api = new ApiClient("http://127.0.0.1:" + gateway.httpPort());
      String monitor = api.login("13800000002", PASSWORD);
      Eventually.await(Duration.ofSeconds(20), () -> sql.count("SELECT count(*) FROM reading"), n -> n > 0);
      Thread.sleep(1_000);
      List<Double> quiet = rates(sql, 6);

      try (Connection locker = DriverManager.getConnection(database.url(), "postgres", "postgres");
          Statement lock = locker.createStatement()) {
        // first the sign-in flood alone, then the 50 slow requests beside it
        for (int i = 0; i < 8; i++) {
          load.submit(() -> repeat(loading, () -> {
            api.send("POST", "/api/v1/auth/login", null, new JsonObject().put("phone", "13800000001")
                .put("password", PASSWORD));
            signIns.incrementAndGet();
          }));
        }
        Thread.sleep(1_000);
        List<Double> flood = rates(sql, 4);

        locker.setAutoCommit(false);
        lock.execute("LOCK TABLE patrol IN ACCESS EXCLUSIVE MODE");
        for (int i = 0; i < 50; i++) {
          load.submit(() -> repeat(loading, () -> {
            HttpResponse<String> response = api.send("GET", "/api/v1/patrols?point=" + POINT, monitor, null);
            if (response.statusCode() == 503) {
              cancelled.incrementAndGet();
            }
          }));
        }
        Thread.sleep(2_000);
        List<Double> floodAndSlow = rates(sql, 6);
        loading.set(false);
        locker.rollback();

        double quietRate = median(quiet);
        String rates = "readings per second, quiet " + quiet + ", sign-in flood " + flood
            + ", flood and slow requests " + floodAndSlow;
        LoggerFactory.getLogger(IngestIsolationSecurityTest.class).info("{}", rates);
        assertTrue(quietRate >= MESSAGES_PER_SECOND, rates);
        assertTrue(median(flood) >= 0.8 * quietRate, rates);
        assertTrue(median(floodAndSlow) >= 0.8 * quietRate, rates);
        assertTrue(signIns.get() >= 8, "sign-ins answered: " + signIns.get());
        assertTrue(cancelled.get() > 0, "the slow requests were cut by the API's statement timeout");
      }
    } finally {
      loading.set(false);
      load.shutdownNow();
      load.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void passwordChecksHoldNoConnection() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "hashing/v1",
        DatabaseFixture.testRegistry());
    env.put("GEOHAZARD_DATABASE_API_POOL_SIZE", "1");
    signInsNotThrottled(env);
    ExecutorService flood = Executors.newFixedThreadPool(6);
    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      sql.execute("UPDATE person SET password_hash = '" + Passwords.hash(PASSWORD) + "'");
      ApiClient api = new ApiClient("http://127.0.0.1:" + gateway.httpPort());
      String token = api.login("13800000002", PASSWORD);

      // six sign-ins at once, each a slow password check, and the API has a single connection
      long floodStart = System.nanoTime();
      List<java.util.concurrent.Future<String>> signIns = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        signIns.add(flood.submit(() -> api.login("13800000001", PASSWORD)));
      }
      Thread.sleep(50);
      long requestStart = System.nanoTime();
      api.json("GET", "/api/v1/me", token);
      long requestMillis = (System.nanoTime() - requestStart) / 1_000_000;
      for (java.util.concurrent.Future<String> signIn : signIns) {
        signIn.get(60, TimeUnit.SECONDS);
      }
      long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;

      LoggerFactory.getLogger(IngestIsolationSecurityTest.class).info(
          "a request beside six sign-ins: {} ms; the sign-ins: {} ms", requestMillis, floodMillis);
      assertTrue(requestMillis < floodMillis / 2, "a request beside the sign-ins took " + requestMillis
          + " ms, the sign-ins " + floodMillis + " ms: it waited for the password checks");
    } finally {
      flood.shutdownNow();
    }
  }

  /**
   * Parallel sign-ins count as failures until their password check ends: lift the throttle, so that the flood
   * reaches the password checks it is meant to load.
   */
  private static void signInsNotThrottled(Map<String, String> env) {
    env.put("GEOHAZARD_API_FREE_FAILURES", "100");
    env.put("GEOHAZARD_API_FAILURES_PER_ADDRESS", "100000");
  }

  /** Readings stored per second, in consecutive windows of a second. */
  private static List<Double> rates(Sql sql, int windows) throws InterruptedException {
    List<Double> rates = new ArrayList<>();
    long count = sql.count("SELECT count(*) FROM reading");
    long at = System.nanoTime();
    for (int i = 0; i < windows; i++) {
      Thread.sleep(1_000);
      long next = sql.count("SELECT count(*) FROM reading");
      long now = System.nanoTime();
      rates.add((next - count) * 1e9 / (now - at));
      count = next;
      at = now;
    }
    return rates;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void repeat(AtomicBoolean loading, Call call) {
    while (loading.get()) {
      try {
        call.run();
      } catch (Exception e) {
        // a request that timed out on the client's side: the load goes on
      }
    }
  }
}
