package org.geohazard.gateway.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.geohazard.app.GatewayVerticle;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.telemetry.rollup.RefreshRound;
import org.geohazard.telemetry.rollup.RollupRefresher;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * API benchmark on this machine: the embedded PostgreSQL, an API node and the load generator in one box. A duty
 * officer's two heaviest everyday calls are sent open-loop at a fixed rate — the alert list (first page of 50 out of
 * 5,000 alerts) and a 30-day curve of a channel with one reading a minute, bucketed hourly (720 buckets out of 43,200
 * readings; 20 such channels in the table, served from the hourly rollup once the refresher has caught up, as in
 * steady state on plain PostgreSQL) — and each request's latency is measured from the moment it was due, so a
 * stall counts in full. Run: {@code mvn -q -pl system-tests exec:java@bench-api}.
 */
public final class ApiBenchmark {
  private static final int RATE = 200;
  private static final int WARMUP_S = 5;
  private static final int MEASURE_S = 20;
  private static final int RUNS = 3;

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("geohazard-api-bench");
    try (BenchDatabase database = BenchDatabase.open(work)) {
      Path registry = work.resolve("registry.yaml");
      Files.writeString(registry, registry());
      Vertx vertx = Vertx.vertx();
      GatewayConfig config = ConfigLoader.load(vertx, null, database.withGatewayVariables(Map.of(
          "GEOHAZARD_NODE_ROLE", "api",
          "GEOHAZARD_SIMULATOR_ENABLED", "false",
          "GEOHAZARD_HTTP_PORT", "0",
          "GEOHAZARD_HTTP_METRICS_PORT", "0",
          "GEOHAZARD_REGISTRY_FILE", registry.toString(),
          "GEOHAZARD_API_JWT_SECRET", "a-benchmark-signing-key-0123456789abcdef"))).await();
      System.out.println(database.describe());
      GatewayVerticle node = new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      vertx.deployVerticle(node).await();
      int sensor = fill(database);
      catchUpRollups(database);

      Vertx loadVertx = Vertx.vertx();
      HttpClient client = loadVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(node.httpPort()), new PoolOptions().setHttp1MaxSize(64));
      String token = login(client);
      Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
      String alerts = "/api/v1/alerts?limit=50";
      String curve = "/api/v1/sensors/" + sensor + "/readings?from=" + to.minus(30, ChronoUnit.DAYS) + "&to=" + to
          + "&bucket=60";
      System.out.printf("API benchmark: %d requests/s open loop, %d s per phase after %d s of warm-up, %d runs%n",
          RATE, MEASURE_S, WARMUP_S, RUNS);
      for (int run = 1; run <= RUNS; run++) {
        for (String[] phase : new String[][] {{"alert list", alerts}, {"30-day hourly curve", curve}}) {
          load(loadVertx, client, token, phase[1], WARMUP_S);
          Result result = load(loadVertx, client, token, phase[1], MEASURE_S);
          System.out.printf("run %d  %-20s p50 %5.1f ms  p99 %5.1f ms  max %6.1f ms  %d requests, %d failed"
                  + "  (target p99 < 50 ms: %s)%n", run, phase[0], result.percentile(50), result.percentile(99),
              result.percentile(100), result.latencies().size(), result.failed(),
              result.percentile(99) < 50 && result.failed() == 0 ? "met" : "missed");
        }
      }
      loadVertx.close().await();
      vertx.close().await();
      System.out.println(database.describe());
    }
  }

  record Result(List<Double> latencies, int failed) {
    double percentile(double p) {
      List<Double> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
  }

  /** Sends GETs at {@link #RATE}/s for the given seconds; latency from when each request was due to its last byte. */
  private static Result load(Vertx vertx, HttpClient client, String token, String path, int seconds)
      throws InterruptedException {
    int total = RATE * seconds;
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>(total));
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    AtomicInteger sent = new AtomicInteger();
    vertx.setPeriodic(1, timer -> {
      long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
      while (sent.get() < Math.min(due + 1, total)) {
        long dueAt = start + sent.getAndIncrement() * 1_000_000_000L / RATE;
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                .putHeader("Authorization", "Bearer " + token))
            .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
            .onComplete(outcome -> {
              if (outcome.succeeded() && outcome.result() == 200) {
                latencies.add((System.nanoTime() - dueAt) / 1e6);
              } else {
                failed.incrementAndGet();
              }
              done.countDown();
            });
      }
      if (sent.get() >= total) {
        vertx.cancelTimer(timer);
      }
    });
    done.await(seconds + 60L, TimeUnit.SECONDS);
    return new Result(List.copyOf(latencies), failed.get());
  }

  private static String login(HttpClient client) {
    return client.request(HttpMethod.POST, "/api/v1/auth/login")
        .compose(request -> request.putHeader("Content-Type", "application/json")
            .send(Buffer.buffer(new JsonObject().put("phone", "13600000001").put("password", "bench-duty-pass")
                .encode())))
        .compose(response -> response.body())
        .map(body -> body.toJsonObject().getString("access_token"))
        .await();
  }

  /** 20 channels with 30 days of one reading a minute, 5,000 alerts with their events; the measured channel's id. */
  private static int fill(BenchDatabase database) throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      // each reading received when it was taken, as in steady state
      s.execute("INSERT INTO reading (sensor_id, ts, value, flags, received_at)"
          + " SELECT se.id, t, 10 + sin(i / 500.0) * 3, 0, t"
          + " FROM sensor se, generate_series(0, 30 * 1440) i,"
          + " LATERAL (SELECT now() - i * INTERVAL '1 minute') AS at (t) ON CONFLICT DO NOTHING");
      s.execute("INSERT INTO alert (point_code, source, kind, level, title, raised_at, closed_at)"
          + " SELECT 'BENCH-P', 'manual:' || i, 'manual', 'blue', 'Bench alert ' || i,"
          + " now() - i * INTERVAL '1 hour', now() - i * INTERVAL '1 hour' + INTERVAL '10 minutes'"
          + " FROM generate_series(1, 5000) i");
      s.execute("INSERT INTO alert_event (alert_id, type, level) SELECT id, 'raised', 'blue' FROM alert");
      s.execute("ANALYZE");
      try (var r = s.executeQuery("SELECT min(id) FROM sensor")) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /**
   * Runs the rollup refresher of plain PostgreSQL until it has caught up with the filled readings, so that the curve
   * is served from the rollups as in steady state (an API node does not refresh; the ingesting gateways do).
   */
  private static void catchUpRollups(BenchDatabase database) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.jdbcUrl());
    dataSource.setUser(database.user());
    dataSource.setPassword(database.password());
    RollupRefresher refresher = new RollupRefresher(dataSource);
    long start = System.nanoTime();
    int rounds = 0;
    long readings = 0;
    RefreshRound round;
    do {
      round = refresher.refresh();
      rounds++;
      readings += round.readings();
    } while (!round.caughtUp());
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE reading_hourly_rollup, reading_daily_rollup");
    }
    System.out.printf("rollups caught up: %d readings in %d rounds, %.1f s%n", readings, rounds,
        (System.nanoTime() - start) / 1e9);
  }

  private static String registry() {
    StringBuilder devices = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      devices.append("      - {id: LF-B").append(i).append(", interval_s: 60, channels: [crack_width]}\n");
    }
    return """
        points:
          - code: BENCH-P
            name: Benchmark slope
            type: landslide
            location: {lat: 30.0, lon: 104.0}
            county: Bench County
            devices:
        %speople:
          - {name: Bench Duty, phone: "13600000001", password: bench-duty-pass,
             roles: [{role: duty_officer, county: Bench County}]}
        """.formatted(devices);
  }
}
