package org.geohazard.gateway.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.app.GatewayVerticle;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.domain.WarningLevel;
import org.geohazard.gateway.testing.BrokerProcess;
import org.geohazard.gateway.testing.TestDevice;

/**
 * Warning benchmark on this machine: Mosquitto, the embedded PostgreSQL, the gateway (its FCM client to a
 * local FCM v1 server) and the load generator in one box. Reports (1) the time from a threshold-crossing reading
 * reaching the gateway to its push request reaching FCM, while 1,000 readings/s of background load flow, and (2) the
 * time to notify 10,000 residents of one point. Run: {@code mvn -q -pl system-tests exec:java@bench-alerts}.
 */
public final class AlertBenchmark {
  private static final String PREFIX = "geohazard/v1";
  private static final int CROSSINGS = 60;
  /** Crossings before the measured ones: the first warnings after a start run on cold code and are shown apart. */
  private static final int WARM_UP = 10;
  /** FCM's answers arrive this long after the request, a typical round trip from a data centre. */
  private static final Duration FCM_ROUND_TRIP = Duration.ofMillis(50);
  private static final int RESIDENTS = 10_000;

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("geohazard-alert-bench");
    try (BrokerProcess mosquitto = BrokerProcess.mosquittoForLoad();
        BenchDatabase database = BenchDatabase.open(work);
        FakeFcmServer fcm = new FakeFcmServer()) {
      fcm.answerDelay(FCM_ROUND_TRIP);
      System.out.printf("FCM answers each request after %d ms%n", FCM_ROUND_TRIP.toMillis());
      Path registry = work.resolve("registry.yaml");
      Files.writeString(registry, registry());
      Vertx vertx = Vertx.vertx();
      GatewayConfig config = ConfigLoader.load(vertx, null, database.withGatewayVariables(Map.of(
          "GEOHAZARD_MQTT_URL", mosquitto.url(),
          "GEOHAZARD_SIMULATOR_ENABLED", "false",
          "GEOHAZARD_HTTP_PORT", "0",
          "GEOHAZARD_HTTP_METRICS_PORT", "0",
          "GEOHAZARD_REGISTRY_FILE", registry.toString(),
          "GEOHAZARD_PUSH_CREDENTIALS_FILE", fcm.serviceAccountFile(work).toString(),
          "GEOHAZARD_PUSH_PROJECT_ID", "demo",
          "GEOHAZARD_PUSH_ENDPOINT", fcm.endpoint()))).await();
      System.out.println(database.describe());
      vertx.deployVerticle(new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
          .await();
      sql(database, "INSERT INTO push_token (person_id, token, platform) SELECT id, 'ok-duty', 'android' FROM person"
          + " WHERE phone = '13600000001'");

      LoadGenerator background = new LoadGenerator(mosquitto.url(), PREFIX, 200, 2);
      Thread load = new Thread(() -> {
        try {
          background.run((WARM_UP + CROSSINGS) * 500L + 10_000, 250);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      load.start();
      Thread.sleep(3_000);
      List<Long> all = crossings(mosquitto.url(), database, fcm);
      load.join();
      background.close();
      System.out.println("The first warnings after the start (cold code, not counted): " + all.subList(0, WARM_UP)
          + " ms");
      List<Long> latencies = all.subList(WARM_UP, all.size());
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      long p99 = sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
      System.out.printf("Reading at the gateway -> FCM request, %d threshold crossings under 1,000 readings/s:"
          + " p50 %d ms, p99 %d ms, max %d ms%n", sorted.length, sorted[sorted.length / 2], p99,
          sorted[sorted.length - 1]);
      System.out.println("  in order of the crossings: " + latencies);

      // the first villages after a start run on cold code (the JIT compiles the push path meanwhile): shown apart
      village(database, fcm, "BENCH-T", "+86137");
      village(database, fcm, "BENCH-U", "+86138");
      double afterCommit = village(database, fcm, "BENCH-V", "+86139");
      System.out.println(database.describe());
      System.out.printf("Target: reading at the gateway -> FCM request p99 <= 100 ms: measured %d ms (%s)%n", p99,
          p99 <= 100 ? "met" : "missed");
      System.out.printf("Target: %,d residents notified <= 2 s after the alert commits: measured %.2f s (%s)%n",
          RESIDENTS, afterCommit, afterCommit <= 2 ? "met" : "missed");
      vertx.close().await();
    }
    System.exit(0);
  }

  /** Alternately above and below the red threshold, every half second; pairs each reading with its push. */
  private static List<Long> crossings(String brokerUrl, BenchDatabase database, FakeFcmServer fcm) throws Exception {
    List<Long> readingTimes = new ArrayList<>();
    try (TestDevice gauge = TestDevice.connect(brokerUrl, PREFIX, "WL-1")) {
      for (int i = 0; i < WARM_UP + CROSSINGS; i++) {
        long ts = System.currentTimeMillis();
        gauge.telemetry("{\"ts\": " + ts + ", \"values\": {\"water_level\": " + (i % 2 == 0 ? 3.0 : 0.5) + "}}");
        readingTimes.add(ts);
        Thread.sleep(500);
      }
    }
    Thread.sleep(2_000);
    List<Long> latencies = new ArrayList<>();
    List<FakeFcmServer.Received> pushes = fcm.arrivals().stream().filter(r -> r.token().equals("ok-duty")).toList();
    try (Connection c = database.connect();
        PreparedStatement received = c.prepareStatement("SELECT (extract(epoch FROM r.received_at) * 1000)::bigint"
            + " FROM reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.device_id = 'WL-1' ORDER BY r.ts")) {
      try (ResultSet r = received.executeQuery()) {
        int i = 0;
        while (r.next() && i < pushes.size()) {
          latencies.add(pushes.get(i++).arrivedMillis() - r.getLong(1));
        }
      }
    }
    return latencies;
  }

  private static void residents(BenchDatabase database, String point, String phonePrefix) throws Exception {
    String phones = "'" + phonePrefix + "%'";
    sql(database, "INSERT INTO person (name, phone) SELECT 'Resident ' || i, '" + phonePrefix
        + "' || lpad(i::text, 8, '0') FROM generate_series(1, " + RESIDENTS + ") i");
    sql(database, "INSERT INTO person_role (person_id, role, point_code) SELECT id, 'resident', '" + point + "'"
        + " FROM person WHERE phone LIKE " + phones);
    sql(database, "INSERT INTO push_token (person_id, token, platform) SELECT id, 'ok-r' || id, 'android' FROM person"
        + " WHERE phone LIKE " + phones);
  }

  private static String registry() {
    StringBuilder yaml = new StringBuilder("""
        points:
          - code: BENCH-A
            name: Bench debris flow
            type: debris_flow
            location: {lat: 30.1, lon: 104.1}
            county: Bench County
            devices:
              - {id: WL-1, interval_s: 60, channels: [water_level]}
            rules:
              - {name: mud, kind: threshold, channel: WL-1/water_level, confirm: false, levels: {red: 2.5}}
          - code: BENCH-T
            name: First warm-up village
            type: landslide
            location: {lat: 30.2, lon: 104.0}
            county: Bench County
          - code: BENCH-U
            name: Second warm-up village
            type: landslide
            location: {lat: 30.2, lon: 104.1}
            county: Bench County
          - code: BENCH-V
            name: Benchmark village
            type: landslide
            location: {lat: 30.2, lon: 104.2}
            county: Bench County
          - code: BENCH-B
            name: Background slope
            type: landslide
            location: {lat: 30.3, lon: 104.3}
            county: Bench County
            devices:
        """);
    for (int i = 0; i < 200; i++) {
      yaml.append("      - {id: ").append(LoadGenerator.deviceId(i))
          .append(", interval_s: 60, channels: [crack_width, rainfall, tilt_x, tilt_y]}\n");
    }
    yaml.append("""
        people:
          - {name: Duty, phone: "13600000001", roles: [{role: duty_officer, county: Bench County}]}
        """);
    return yaml.toString();
  }

  /** Raises red at a point of 10,000 residents; returns the seconds from the alert's commit to the last push. */
  private static double village(BenchDatabase database, FakeFcmServer fcm, String point, String phonePrefix)
      throws Exception {
    residents(database, point, phonePrefix);
    long before = fcm.count();
    Map<String, Long> cpuBefore = cpu(fcm);
    long start = System.nanoTime();
    try (Connection c = database.connect()) {
      long leader = one(c, "SELECT id FROM person WHERE phone = '13600000001'");
      new AlertActions(DeliveryConfig.DEFAULTS).raiseManual(c, point, WarningLevel.RED,
          "Benchmark village: RED warning", "benchmark", leader);
    }
    long written = System.nanoTime();
    long firstSeen = 0;
    while (fcm.count() - before < RESIDENTS) {
      if (firstSeen == 0 && fcm.count() > before) {
        firstSeen = System.nanoTime();
      }
      Thread.sleep(5);
    }
    long end = System.nanoTime();
    Map<String, Long> cpuAfter = cpu(fcm);
    System.out.printf("%,d residents of %s notified through FCM in %.2f s (outbox written after %.2f s, first push"
        + " after %.2f s)%n", RESIDENTS, point, (end - start) / 1e9, (written - start) / 1e9,
        (firstSeen - start) / 1e9);
    StringBuilder split = new StringBuilder();
    cpuAfter.forEach((part, ms) -> split.append(split.isEmpty() ? "" : ", ").append(part).append(' ')
        .append(String.format("%.2f s", (ms - cpuBefore.getOrDefault(part, 0L)) / 1e3)));
    System.out.printf("  CPU meanwhile, of %d cores: %s%n", Runtime.getRuntime().availableProcessors(), split);
    return (end - written) / 1e9;
  }

  /**
   * CPU time of this process so far, in milliseconds, in parts: the JIT compilers, the garbage collector, the local FCM
   * server (what FCM's own servers spend elsewhere) and the rest (the gateway). Linux: from /proc/self/task.
   */
  private static Map<String, Long> cpu(FakeFcmServer fcm) throws Exception {
    Map<String, Long> parts = new java.util.LinkedHashMap<>();
    parts.put("JIT", 0L);
    parts.put("GC", 0L);
    long total = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm")).strip();
          stat = Files.readString(task.resolve("stat"));
        } catch (java.io.IOException ended) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
        total += ms;
        if (name.contains("CompilerThre")) {
          parts.merge("JIT", ms, Long::sum);
        } else if (name.startsWith("GC ") || name.startsWith("G1 ")) {
          parts.merge("GC", ms, Long::sum);
        }
      }
    }
    long fcmMs = fcm.cpuTime().toMillis();
    parts.put("local FCM server", fcmMs);
    parts.put("gateway", total - parts.get("JIT") - parts.get("GC") - fcmMs);
    return parts;
  }

  private static void sql(BenchDatabase database, String statement) throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long one(Connection c, String query) throws Exception {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
