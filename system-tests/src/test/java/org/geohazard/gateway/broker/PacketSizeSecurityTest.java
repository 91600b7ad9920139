package org.geohazard.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On HiveMQ and on Mosquitto, each run here without a packet limit of its own: a device's 10 MB publish is never
 * read into the gateway's heap: the gateway's MQTT 5 maximum packet size (a little above ingest.max-payload-bytes)
 * makes the broker drop it for the gateway. The gateway stays up and stores the readings that follow.
 */
@Timeout(120)
class PacketSizeSecurityTest {
  private static final String PREFIX = "oversize/v1";
  private static final int SIZE = 10 * 1024 * 1024;
  private static final int SAMPLES = 100;
  /** Names of the embedded HiveMQ's threads: its network event loops, persistence writers and extension tasks. */
  private static final java.util.regex.Pattern BROKER_THREADS = java.util.regex.Pattern.compile(
      "hivemq-|single-writer|payload-persistence|extension-|managed-extension|persistence-");

  /** Brokers without a packet limit: the embedded HiveMQ, and the intake tests' Mosquitto when CI gives one. */
  static List<Named<String>> brokers() {
    List<Named<String>> brokers = new ArrayList<>();
    brokers.add(Named.of("HiveMQ", TestBrokers.hivemq()));
    if (TestBrokers.mosquitto() != null) {
      brokers.add(Named.of("Mosquitto", TestBrokers.mosquitto()));
    }
    return brokers;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void aTenMegabytePublishNeverReachesTheGatewaysHeapAndLaterReadingsAreStored(String broker) throws Exception {
    assumeTrue(onPath("mosquitto_pub"), "mosquitto_pub (Debian package mosquitto-clients) is not installed");
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> env = GatewayRunner.environment(database.url(), broker, PREFIX,
        DatabaseFixture.testRegistry());
    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      Path big = Files.createTempFile("ten-megabytes", ".json");
      big.toFile().deleteOnExit();
      Files.write(big, ("{\"ts\": " + Stream.T0 + ", \"pad\": \"" + "x".repeat(SIZE) + "\"}")
          .getBytes(StandardCharsets.UTF_8));
      long before = allocatedBytes();

      // published from another process, so that only the gateway allocates in this JVM
      URI uri = URI.create(broker);
      Process publisher = new ProcessBuilder("mosquitto_pub", "-V", "mqttv5", "-h", uri.getHost(), "-p",
          String.valueOf(uri.getPort()), "-q", "1", "-i", "LF-T1-big", "-t", PREFIX + "/LF-T1/telemetry",
          "-f", big.toString()).redirectErrorStream(true).start();
      assertTrue(publisher.waitFor(30, TimeUnit.SECONDS), "mosquitto_pub did not finish");
      assertEquals(0, publisher.exitValue(), "the broker took the 10 MB publish: "
          + new String(publisher.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      new Stream(broker, PREFIX, "LF-T1", SAMPLES, 200).finish();

      long stored = Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      long allocated = allocatedBytes() - before;
      assertEquals(SAMPLES * 2L, stored, "readings after the 10 MB publish stored");
      assertEquals(0, sql.count("SELECT count(*) FROM dead_letter"), "the 10 MB message reached the gateway");
      assertTrue(allocated < SIZE * 8L / 10, "the gateway allocated " + allocated / 1024 + " KiB meanwhile");
      assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode(), "health");
    }
  }

  /**
   * Bytes allocated so far by the live threads of this JVM, leaving out the threads of an embedded HiveMQ (which
   * reads the publish as a broker does).
   */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && !BROKER_THREADS.matcher(thread.getThreadName()).lookingAt()) {
        total += Math.max(threads.getThreadAllocatedBytes(thread.getThreadId()), 0);
      }
    }
    return total;
  }

  private static boolean onPath(String command) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
