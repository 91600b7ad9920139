package org.geohazard.gateway.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.geohazard.app.GatewayVerticle;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.testing.BrokerProcess;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.pipeline.StoredBatch;

/**
 * Ingest benchmark on this machine: Mosquitto, the embedded PostgreSQL, the gateway and the load generator in one
 * box. Reports the broker's QoS 1 pass-through and a raw COPY into the reading table (the two ceilings), the
 * sustained end-to-end rate (published to committed) with the generator unthrottled, and publish-to-commit
 * latency at a steady 20,000 readings/s. Run it with {@code mvn -q -pl system-tests exec:java@bench} (README).
 */
public final class IngestBenchmark {
  static final int DEVICES = 500;
  private static final int CONNECTIONS = 4;
  private static final int VALUES = LoadGenerator.CHANNELS.length;
  static final String PREFIX = "bench/v1";

  private final List<long[]> latencies = new ArrayList<>();
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicLong committedReadings = new AtomicLong();
  private double copyCeiling;

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
    new IngestBenchmark().run(seconds * 1000);
    System.exit(0);
  }

  private void run(long millis) throws Exception {
    Path work = Files.createTempDirectory("geohazard-bench");
    try (BrokerProcess mosquitto = BrokerProcess.mosquittoForLoad();
        BenchDatabase postgres = BenchDatabase.open(work)) {
      Vertx vertx = Vertx.vertx();
      GatewayConfig config = ConfigLoader.load(vertx, null, postgres.withGatewayVariables(Map.of(
          "GEOHAZARD_MQTT_URL", mosquitto.url(),
          "GEOHAZARD_MQTT_TOPIC_PREFIX", PREFIX,
          "GEOHAZARD_SIMULATOR_ENABLED", "false",
          "GEOHAZARD_HTTP_PORT", "0",
          "GEOHAZARD_HTTP_METRICS_PORT", "0"))).await();
      try (Database database = Database.open(vertx, config.database().toDatabaseConfig(postgres.jdbcUrl()));
          Connection connection = database.dataSource().getConnection()) {
        RegistryImporter.importSpec(connection, registry());
        System.out.println(postgres.describe());
        copyCeiling = Ceilings.copyIntoReadings(database.dataSource(), DEVICES * VALUES, 4000, 250);
        System.out.printf("Ceiling, raw COPY into reading (4,000-row commits): %,.0f rows/s%n", copyCeiling);
      }
      double passThrough = Ceilings.brokerPassThrough(mosquitto.url(), millis / 2);
      System.out.printf("Ceiling, Mosquitto QoS 1 pass-through: %,.0f msgs/s = %,.0f readings/s%n",
          passThrough, passThrough * VALUES);

      vertx.deployVerticle(new GatewayVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          this::afterCommit)).await();
      LoadGenerator load = new LoadGenerator(mosquitto.url(), PREFIX, DEVICES, CONNECTIONS);
      load.run(3_000, 0); // warm-up

      double drained = measure(load, millis, 0, "unthrottled");
      measure(load, millis, 20_000 / VALUES, "at 20,000 readings/s");
      targets(postgres.describe(), drained, copyCeiling, passThrough * VALUES);
      load.close();
      vertx.close().await();
    }
  }

  /** The figures beside the targets, and the database they come from. */
  private static void targets(String database, double drained, double copyCeiling, double brokerCeiling) {
    double lower = Math.min(copyCeiling, brokerCeiling);
    String which = copyCeiling < brokerCeiling ? "the database" : "the broker";
    System.out.println(database);
    System.out.printf("Target: end to end, drained >= 60,000 readings/s: measured %,.0f readings/s (%s)%n", drained,
        drained >= 60_000 ? "met" : "missed");
    System.out.printf("Target: end to end >= half the lower ceiling (%s, %,.0f readings/s): measured %.2f of it (%s)%n",
        which, lower, drained / lower, drained >= lower / 2 ? "met" : "missed");
  }

  private double measure(LoadGenerator load, long millis, int messagesPerSecond, String label) throws Exception {
    awaitDrained();
    latencies.clear();
    long committedBefore = committedReadings.get();
    recording.set(true);
    long start = System.nanoTime();
    long published = load.run(millis, messagesPerSecond);
    while (committedReadings.get() - committedBefore < published * VALUES
        && System.nanoTime() - start < (millis + 60_000) * 1_000_000) {
      Thread.sleep(5);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    recording.set(false);
    long committed = committedReadings.get() - committedBefore;
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("End to end, %s: %,d readings published, %,d committed, %,.0f readings/s;"
            + " publish-to-commit p50 %d ms, p99 %d ms%n", label, published * VALUES, committed,
        committed / seconds, percentile(all, 0.50), percentile(all, 0.99));
    return committed / seconds;
  }

  /**
   * Counts every reading the session's writer handled: new, or already stored by the live lane (which opens when the
   * generator runs ahead by more than 5 s and stores fresh readings first).
   */
  private void afterCommit(StoredBatch batch) {
    committedReadings.addAndGet(batch.result().readingsStored() + batch.result().readingsDuplicate());
    if (!recording.get()) {
      return;
    }
    long now = System.currentTimeMillis();
    long[] ages = new long[batch.messages().size()];
    int i = 0;
    for (InboundMessage message : batch.messages()) {
      ages[i++] = now - publishedAt(message.payload());
    }
    synchronized (latencies) {
      latencies.add(ages);
    }
  }

  /** The load generator writes {"ts":<publish time>,...}. */
  static long publishedAt(byte[] payload) {
    long ts = 0;
    for (int i = 6; i < payload.length && payload[i] >= '0' && payload[i] <= '9'; i++) {
      ts = ts * 10 + (payload[i] - '0');
    }
    return ts;
  }

  /** Waits until no more batches are being committed: the broker's queue for the gateway is empty. */
  private void awaitDrained() throws InterruptedException {
    long last = -1;
    while (committedReadings.get() != last) {
      last = committedReadings.get();
      Thread.sleep(500);
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  static RegistrySpec registry() {
    List<RegistrySpec.Device> devices = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      devices.add(new RegistrySpec.Device(LoadGenerator.deviceId(i), "bench", 60, false, List.of(
          new RegistrySpec.Channel("crack_width", "crack_width", "mm", 0, 500),
          new RegistrySpec.Channel("rainfall", "rainfall", "mm", 0, 500),
          new RegistrySpec.Channel("tilt_x", "tilt_x", "degree", -90, 90),
          new RegistrySpec.Channel("tilt_y", "tilt_y", "degree", -90, 90))));
    }
    return new RegistrySpec(List.of(new RegistrySpec.Point("BENCH", "Benchmark slope", "landslide", 30, 104,
        "Bench County", null, null, null, null, null, null, null, "active", null, devices)), List.of());
  }
}
