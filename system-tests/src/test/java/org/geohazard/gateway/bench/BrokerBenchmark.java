package org.geohazard.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.geohazard.gateway.testing.BrokerProcess;
import org.geohazard.gateway.testing.TestBrokers;

/**
 * Broker durability benchmark: for each candidate broker, the QoS 1 publish rate into a backlog queued for an absent
 * persistent session, and what a SIGKILL of the broker 2 s after the last PUBACK, and one at the last PUBACK, lose
 * or duplicate of that backlog once the broker is restarted; then how fast the session drains. Medians of three
 * runs. Run it with
 * {@code mvn -q -pl system-tests exec:java@bench-broker} (README, "Benchmarks"); arguments: runs, backlog, and the
 * names of the candidates to run (all by default).
 */
public final class BrokerBenchmark {
  private static final long KILL_AFTER_MILLIS = 2_000;

  /** A broker as it would be shipped, started in a fresh folder. */
  private record Candidate(String name, String description, boolean shared, Starter starter) {
  }

  private interface Starter {
    BrokerProcess start(Path dir, int port) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    List<String> only = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
    String shipped = BrokerProcess.mosquittoSettings(shippedConfig());
    List<Candidate> candidates = List.of(
        new Candidate("mosquitto-shipped", "Mosquitto 2.0, deploy/mosquitto settings (autosave_interval 60)", true,
            (dir, port) -> BrokerProcess.mosquitto(dir, port, shipped)),
        new Candidate("mosquitto-autosave-1s", "Mosquitto 2.0, autosave_interval 1", true,
            (dir, port) -> BrokerProcess.mosquitto(dir, port, withAutosave(shipped, "autosave_interval 1"))),
        new Candidate("mosquitto-changes-1000", "Mosquitto 2.0, autosave_on_changes true, autosave_interval 1000",
            true,
            (dir, port) -> BrokerProcess.mosquitto(dir, port,
                withAutosave(shipped, "autosave_on_changes true\nautosave_interval 1000"))),
        new Candidate("mosquitto-changes-100", "Mosquitto 2.0, autosave_on_changes true, autosave_interval 100",
            true,
            (dir, port) -> BrokerProcess.mosquitto(dir, port,
                withAutosave(shipped, "autosave_on_changes true\nautosave_interval 100"))),
        new Candidate("hivemq-file", "HiveMQ CE 2025.5, file persistence", true, BrokerProcess::hivemq),
        new Candidate("hivemq-file-plain", "HiveMQ CE 2025.5, file persistence, plain subscription", false,
            BrokerProcess::hivemq));

    System.out.printf("Backlog %,d QoS 1 messages for an absent MQTT 5 session (in a shared group unless 'plain'); "
        + "broker SIGKILLed %d ms after the last PUBACK, and again at the last PUBACK; restarted, session drained. "
        + "%d run(s) each.%n",
        backlog, KILL_AFTER_MILLIS, runs);
    System.out.println("Database: none (the brokers alone; " + BenchDatabase.URL_VARIABLE + " is not used here)");
    List<String> table = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (!only.isEmpty() && !only.contains(candidate.name())) {
        continue;
      }
      List<CrashTrial.Result> later = new ArrayList<>();
      List<CrashTrial.Result> atOnce = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        later.add(trial(candidate, backlog, KILL_AFTER_MILLIS, run));
        atOnce.add(trial(candidate, backlog, 0, run));
      }
      List<CrashTrial.Result> all = new ArrayList<>(later);
      all.addAll(atOnce);
      table.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |", candidate.description(),
          median(all, CrashTrial.Result::publishPerSecond), median(later, r -> r.lost()),
          median(atOnce, r -> r.lost()), median(all, r -> r.duplicates()),
          median(later, r -> r.received() / Math.max(r.drainSeconds(), 0.001))));
    }
    System.out.printf("%nMedians of %d run(s), backlog %,d:%n", runs, backlog);
    System.out.println("| broker | QoS 1 msgs/s into the backlog | lost, killed 2 s after the last PUBACK "
        + "| lost, killed at the last PUBACK | duplicated | msgs/s drained after the restart |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    table.forEach(System.out::println);
    System.exit(0);
  }

  private static CrashTrial.Result trial(Candidate candidate, int backlog, long killAfterMillis, int run)
      throws Exception {
    Path dir = Files.createTempDirectory("bench-broker-" + candidate.name());
    try (BrokerProcess broker = candidate.starter().start(dir, TestBrokers.freePort())) {
      CrashTrial.Result result = CrashTrial.run(broker, candidate.shared(), backlog, killAfterMillis);
      System.out.printf(Locale.ROOT, "%-24s run %d, killed %4d ms after: %,7.0f msgs/s in, %,7d lost, %,d duplicated,"
          + " drained in %.1f s%n", candidate.name(), run + 1, killAfterMillis, result.publishPerSecond(),
          result.lost(), result.duplicates(), result.drainSeconds());
      return result;
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static String withAutosave(String settings, String autosave) {
    return settings.replaceAll("(?m)^autosave_\\w+ .*\n", "") + autosave + "\n";
  }

  private static double median(List<CrashTrial.Result> results, ToDoubleFunction<CrashTrial.Result> value) {
    double[] values = results.stream().mapToDouble(value).sorted().toArray();
    return values[values.length / 2];
  }

  private static Path shippedConfig() {
    for (Path candidate : List.of(Path.of("deploy/mosquitto/mosquitto.conf"),
        Path.of("../deploy/mosquitto/mosquitto.conf"))) {
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/mosquitto/mosquitto.conf not found: run from the project or gateway");
  }
}
