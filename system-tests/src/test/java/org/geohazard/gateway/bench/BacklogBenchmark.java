package org.geohazard.gateway.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.geohazard.app.GatewayVerticle;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.testing.BrokerProcess;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.storage.Database;
import org.geohazard.telemetry.pipeline.StoredBatch;

/**
 * A long backlog: the gateway away while devices keep sending, 1,000,000 readings (250,000 messages of four values)
 * queued for its session in Mosquitto; then the gateway starts and drains them while ten other devices send live
 * readings, one message every 100 ms each. Reports the drain rate, the gateway JVM's heap while draining (sampled
 * every 50 ms; the load generator is idle by then) and how long live readings took from their publish to being
 * stored, when their point is handed to the warning engine (watched in the database every 50 ms). With
 * {@code -Dexec.args=no-live-lane} the gateway runs without its live lane, for comparison. Run:
 * {@code mvn -q -pl system-tests exec:java@bench-backlog} (README).
 */
public final class BacklogBenchmark {
  private static final int BACKLOG_DEVICES = 450;
  private static final int LIVE_DEVICES = 10;
  private static final long BACKLOG_MESSAGES = 250_000;
  private static final int VALUES = LoadGenerator.CHANNELS.length;
  private static final List<String> LIVE_DEVICE_IDS = java.util.stream.IntStream
      .range(BACKLOG_DEVICES, BACKLOG_DEVICES + LIVE_DEVICES).mapToObj(LoadGenerator::deviceId).toList();

  private final AtomicLong committedReadings = new AtomicLong();
  private final List<Long> liveLatencies = new ArrayList<>();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private volatile long peakHeap;

  public static void main(String[] args) throws Exception {
    new BacklogBenchmark().run(!(args.length > 0 && args[0].equals("no-live-lane")));
    System.exit(0);
  }

  private void run(boolean liveLane) throws Exception {
    Path work = Files.createTempDirectory("geohazard-backlog-bench");
    try (BrokerProcess mosquitto = BrokerProcess.mosquittoForLoad();
        BenchDatabase postgres = BenchDatabase.open(work)) {
      Map<String, String> variables = postgres.withGatewayVariables(Map.of(
          "GEOHAZARD_MQTT_URL", mosquitto.url(),
          "GEOHAZARD_MQTT_TOPIC_PREFIX", IngestBenchmark.PREFIX,
          "GEOHAZARD_SIMULATOR_ENABLED", "false",
          "GEOHAZARD_HTTP_PORT", "0",
          "GEOHAZARD_HTTP_METRICS_PORT", "0",
          "GEOHAZARD_MQTT_LIVE_LANE", String.valueOf(liveLane)));
      System.out.println(postgres.describe());
      System.out.println("Live lane: " + (liveLane ? "on" : "off"));
      Vertx first = Vertx.vertx();
      GatewayConfig config = ConfigLoader.load(first, null, variables).await();
      try (Database database = Database.open(first, config.database().toDatabaseConfig(postgres.jdbcUrl()));
          Connection connection = database.dataSource().getConnection()) {
        RegistryImporter.importSpec(connection, IngestBenchmark.registry());
      }
      // the gateway's session exists, then the gateway goes away and the backlog queues for it
      first.deployVerticle(new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
          .await();
      first.close().await();
      long queued = queueBacklog(mosquitto.url());
      System.out.printf("Backlog queued for the gateway's session: %,d messages = %,d readings%n", queued,
          queued * VALUES);

      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      Vertx vertx = Vertx.vertx();
      long start = System.nanoTime();
      vertx.deployVerticle(new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          this::afterCommit)).await();
      Thread sampler = sampleHeap();
      Thread watcher = watchLive(postgres);
      long liveSent = sendLiveUntilDrained(mosquitto.url(), queued * VALUES);
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      Thread.sleep(500);
      watcher.interrupt();
      report(queued, seconds, heapBefore, liveSent);
      vertx.close().await();
    }
  }

  private static long queueBacklog(String brokerUrl) throws Exception {
    LoadGenerator backlog = new LoadGenerator(brokerUrl, IngestBenchmark.PREFIX, BACKLOG_DEVICES, 4);
    long published = 0;
    while (published < BACKLOG_MESSAGES) {
      published += backlog.run(200, 0);
    }
    backlog.close();
    return published;
  }

  /** Live devices publish every 100 ms until every backlog reading and every live one is committed. */
  private long sendLiveUntilDrained(String brokerUrl, long backlogReadings) throws Exception {
    List<TestDevice> live = new ArrayList<>();
    for (String id : LIVE_DEVICE_IDS) {
      live.add(TestDevice.connect(brokerUrl, IngestBenchmark.PREFIX, id));
    }
    long sent = 0;
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (committedReadings.get() < backlogReadings + sent * VALUES && System.nanoTime() < deadline) {
      long ts = System.currentTimeMillis();
      for (TestDevice device : live) {
        device.telemetry("{\"ts\":" + ts + ",\"values\":{\"crack_width\":1,\"rainfall\":0.5,\"tilt_x\":0.01,"
            + "\"tilt_y\":-0.02}}");
        sent++;
      }
      Thread.sleep(100);
    }
    for (TestDevice device : live) {
      device.close();
    }
    return sent;
  }

  private Thread sampleHeap() {
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    return sampler;
  }

  /** Every reading the session's writer has handled, new or (having come through the live lane) already stored. */
  private void afterCommit(StoredBatch batch) {
    committedReadings.addAndGet(batch.result().readingsStored() + batch.result().readingsDuplicate());
  }

  /**
   * Watches the live devices' readings appear in the database (each is then handed to the warning engine, whichever
   * connection brought it): publish → visible, checked every 50 ms.
   */
  private Thread watchLive(BenchDatabase database) {
    Thread watcher = new Thread(() -> {
      java.util.Set<String> seen = new java.util.HashSet<>();
      try (Connection c = database.connect();
          java.sql.PreparedStatement recent = c.prepareStatement("SELECT r.sensor_id,"
              + " (extract(epoch FROM r.ts) * 1000)::bigint FROM reading r JOIN sensor s ON s.id = r.sensor_id"
              + " WHERE s.device_id = ANY (?) AND s.channel = 'crack_width' AND r.ts > now() - INTERVAL '10 s'")) {
        recent.setArray(1, c.createArrayOf("text", LIVE_DEVICE_IDS.toArray()));
        while (!Thread.currentThread().isInterrupted()) {
          long now = System.currentTimeMillis();
          try (java.sql.ResultSet r = recent.executeQuery()) {
            while (r.next()) {
              if (seen.add(r.getInt(1) + "@" + r.getLong(2))) {
                synchronized (liveLatencies) {
                  liveLatencies.add(now - r.getLong(2));
                }
              }
            }
          }
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }, "live-watcher");
    watcher.setDaemon(true);
    watcher.start();
    return watcher;
  }

  private void report(long queued, double seconds, long heapBefore, long liveSent) {
    long[] sorted;
    synchronized (liveLatencies) {
      sorted = liveLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf("Drained %,d backlog readings (and %,d live) in %.1f s: %,.0f readings/s%n", queued * VALUES,
        liveSent * VALUES, seconds, (queued + liveSent) * VALUES / seconds);
    System.out.printf("Heap of the benchmark's JVM: %d MiB in use before the drain (after a GC), at most %d MiB while"
        + " draining (garbage included), %d MiB after it (after a GC); maximum heap %d MiB%n", heapBefore >> 20,
        peakHeap >> 20, heapAfter >> 20, max >> 20);
    System.out.printf("Live readings, publish -> commit (%d messages): p50 %d ms, p99 %d ms, max %d ms%n",
        sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.length == 0 ? -1
            : sorted[sorted.length - 1]);
    System.out.printf("Target: live readings reach the warning engine within 1 s during the drain: p99 %d ms (%s)%n",
        percentile(sorted, 0.99), percentile(sorted, 0.99) <= 1_000 ? "met" : "missed");
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
