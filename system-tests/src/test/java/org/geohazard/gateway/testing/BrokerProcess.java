package org.geohazard.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A real MQTT broker in a process of its own, so that it can be killed like a crashing broker ({@link #kill()}
 * sends SIGKILL: no clean shutdown, no last save) and started again on the same port and data folder.
 * Two kinds: Mosquitto (the Debian package) with a configuration given as text, and HiveMQ CE (the embedded edition
 * of the project's dependencies, file persistence) in a JVM of its own.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final Pattern MANAGED = Pattern.compile(
      "^(listener|protocol|certfile|keyfile|tls_version|plugin|plugin_opt_\\w+|allow_anonymous|per_listener_settings"
          + "|persistence_location|log_dest|user)\\b.*");

  private final List<String> command;
  private final Path dir;
  private final int port;
  private final String name;
  private Process process;

  private BrokerProcess(String name, List<String> command, Path dir, int port) {
    this.name = name;
    this.command = command;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Mosquitto on a loopback port, anonymous clients allowed, persistence in {@code dir}: {@code settings} is the
   * rest of its configuration (queues, persistence, autosave). It runs as the current user (as root, Mosquitto
   * would otherwise switch to a 'mosquitto' user that cannot write into {@code dir}).
   */
  public static BrokerProcess mosquitto(Path dir, int port, String settings) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, """
        listener %d 127.0.0.1
        allow_anonymous true
        persistence_location %s/
        log_dest file %s
        user %s
        %s
        """.formatted(port, dir.resolve("data"), dir.resolve("mosquitto.log"), System.getProperty("user.name"),
        settings));
    String binary = Files.exists(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    return new BrokerProcess("Mosquitto", List.of(binary, "-c", config.toString()), dir, port).start();
  }

  /**
   * Mosquitto for load: a free loopback port, the project's raised queue limits, nothing persisted (the ingest and
   * warning benchmarks' broker).
   */
  public static BrokerProcess mosquittoForLoad() throws Exception {
    return mosquitto(Files.createTempDirectory("bench-mosquitto"), TestBrokers.freePort(), """
        persistence false
        max_queued_messages 2000000
        max_queued_bytes 0
        max_inflight_messages 1000
        """);
  }

  /**
   * The settings of a Mosquitto configuration file (deploy/mosquitto/mosquitto.conf) without what concerns
   * listeners, TLS, logins and paths, which {@link #mosquitto} sets for this machine.
   */
  public static String mosquittoSettings(Path shippedConfig) throws IOException {
    StringBuilder settings = new StringBuilder();
    for (String line : Files.readAllLines(shippedConfig)) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !MANAGED.matcher(trimmed).matches()) {
        settings.append(trimmed).append('\n');
      }
    }
    return settings.toString();
  }

  /**
   * HiveMQ CE in a JVM of its own (see {@link HiveMqMain}) with the embedded broker's configuration and file
   * persistence in {@code dir}.
   */
  public static BrokerProcess hivemq(Path dir, int port) throws Exception {
    return hivemq(dir, port, List.of());
  }

  /**
   * HiveMQ CE in a JVM of its own with a deployment's configuration folder (config.xml, its listener on
   * {@code port}) and extensions folder, data in {@code dir}.
   */
  public static BrokerProcess hivemq(Path dir, int port, Path configFolder, Path extensionsFolder) throws Exception {
    return hivemq(dir, port, List.of(configFolder.toString(), extensionsFolder.toString()));
  }

  private static BrokerProcess hivemq(Path dir, int port, List<String> folders) throws Exception {
    Files.createDirectories(dir);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx768m", "-cp", classPath(),
        HiveMqMain.class.getName(), Integer.toString(port), dir.toString()));
    command.addAll(folders);
    return new BrokerProcess("HiveMQ CE", command, dir, port).start();
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public String name() {
    return name;
  }

  /** Starts the broker and waits until it accepts connections. */
  public synchronized BrokerProcess start() throws Exception {
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("process.log").toFile())).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return this;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
    }
    process.destroyForcibly().waitFor();
    throw new IllegalStateException(name + " did not start; see " + dir.resolve("process.log")
        + " (Mosquitto: apt-get install mosquitto)");
  }

  /** SIGKILL, as when the broker crashes or is killed by the kernel: nothing is saved on the way out. */
  public synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Kills the broker and starts it again on the same port and data. */
  public void crashAndRestart() throws Exception {
    kill();
    start();
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The class path of this JVM, also when a Maven plugin (exec:java) runs it in a class loader of its own. */
  private static String classPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = BrokerProcess.class.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            entries.add(Path.of(url.toURI()).toString());
          }
        }
      }
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(entry);
    }
    return String.join(File.pathSeparator, new ArrayList<>(entries));
  }
}
