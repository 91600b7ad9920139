package org.geohazard.gateway.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HiveMQ CE in this JVM as the compose stack runs it: deploy/hivemq/config.xml with only its ports, paths and
 * keystore password rendered for this machine, the geohazard-device-rules extension folder as the broker-extension
 * module builds it, its credentials file made by the shipped make-dynsec.sh from the test registry and test secrets,
 * and certificates made by the shipped make-certs.sh. Started once per test JVM.
 *
 * <p>With the system property {@code geohazard.test.without-device-rules=true} the extension is left out, to see
 * the broker security tests fail on a broker that does not enforce the rules.
 */
public final class SecureHiveMq {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path EXTENSION = Path.of("..", "broker-extension", "target", "geohazard-device-rules");
  private static final String KEYSTORE_PASSWORD = "keystore-password-for-tests";
  private static SecureBroker shared;

  private SecureHiveMq() {
  }

  public static synchronized SecureBroker shared() {
    if (shared == null) {
      try {
        shared = start(Files.createTempDirectory("secure-hivemq"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * The shipped broker laid out in {@code dir} as the broker image holds it: the rendered config.xml in
   * {@code conf/}, the extension with its credentials file in {@code extensions/}, certificates in {@code certs/}.
   */
  public record Installation(Path conf, Path extensions, Path data, Path certs, int plainPort, int tlsPort) {
    /** The broker as the tests reach it: its TLS listener, trusting the CA the shipped script made. */
    public SecureBroker broker() {
      return new SecureBroker("HiveMQ", "ssl://localhost:" + tlsPort, certs.resolve("ca.crt").toString());
    }
  }

  public static Installation install(Path dir) throws IOException {
    int plainPort = TestBrokers.freePort();
    int tlsPort = TestBrokers.freePort();
    Path certs = dir.resolve("certs");
    run(Map.of("KEYSTORE_PASSWORD", KEYSTORE_PASSWORD), DEPLOY.resolve("mosquitto/make-certs.sh").toString(),
        certs.toString(), "localhost", "127.0.0.1");

    Path extensions = Files.createDirectories(dir.resolve("extensions"));
    if (!Boolean.getBoolean("geohazard.test.without-device-rules")) {
      if (!Files.isRegularFile(EXTENSION.resolve("hivemq-extension.xml"))) {
        throw new IllegalStateException("no built extension in " + EXTENSION.toAbsolutePath()
            + ": build the module broker-extension first (mvn -pl system-tests -am verify ...)");
      }
      Path installed = Files.createDirectories(extensions.resolve("geohazard-device-rules"));
      try (Stream<Path> files = Files.list(EXTENSION)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, installed.resolve(file.getFileName()));
        }
      }
      Path credentials = Files.createDirectories(installed.resolve("conf")).resolve("dynamic-security.json");
      run(Map.of("GATEWAYS", SecureBroker.GATEWAYS), DEPLOY.resolve("mosquitto/make-dynsec.sh").toString(),
          "src/test/resources/secure-broker/secrets.txt", "../registry/src/test/resources/test-registry.yaml",
          credentials.toString());
    }

    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), render(
        Files.readString(DEPLOY.resolve("hivemq/config.xml"), StandardCharsets.UTF_8), plainPort, tlsPort, certs));
    return new Installation(conf, extensions, Files.createDirectories(dir.resolve("data")), certs, plainPort,
        tlsPort);
  }

  private static SecureBroker start(Path dir) throws IOException {
    Installation installation = install(dir);
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(installation.conf())
        .withDataFolder(installation.data())
        .withExtensionsFolder(installation.extensions())
        .build();
    hivemq.start().join();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        hivemq.stop().join();
        hivemq.close();
      } catch (Exception ignored) {
        // the JVM is exiting
      }
    }));
    return installation.broker();
  }

  /**
   * The shipped configuration with what differs on this machine rewritten; each rewrite must apply, so that a change
   * of the shipped file this method does not understand fails here instead of testing something else.
   */
  static String render(String shipped, int plainPort, int tlsPort, Path certs) {
    String config = shipped;
    for (String[] rewrite : List.of(
        new String[] {"<port>8883</port>", "<port>" + tlsPort + "</port>"},
        new String[] {"<port>1883</port>", "<port>" + plainPort + "</port>"},
        new String[] {"<bind-address>0.0.0.0</bind-address>", "<bind-address>127.0.0.1</bind-address>"},
        new String[] {"<path>/opt/hivemq/conf/certs/", "<path>" + certs.toAbsolutePath() + "/"},
        new String[] {"${ENV:HIVEMQ_KEYSTORE_PASSWORD}", KEYSTORE_PASSWORD})) {
      if (!config.contains(rewrite[0])) {
        throw new IllegalStateException("deploy/hivemq/config.xml no longer has '" + rewrite[0]
            + "'; update " + SecureHiveMq.class.getSimpleName());
      }
      config = config.replace(rewrite[0], rewrite[1]);
    }
    if (config.replaceAll("(?s)<!--.*?-->", "").contains("/opt/hivemq")) {
      throw new IllegalStateException("paths of the image left in the rendered deploy/hivemq/config.xml");
    }
    return config;
  }

  private static void run(Map<String, String> env, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command[0], e);
    }
  }
}
