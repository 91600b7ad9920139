package org.geohazard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jar deployments run (the container image's): lean, without the demo, and clear about what it needs. */
@Timeout(120)
class ProductionJarIT {
  private static final Path JAR = Path.of("..", "app", "target", "geohazard-gateway.jar");
  private static final long MIB = 1024 * 1024;

  @Test
  void theProductionJarCarriesNoDemo() throws Exception {
    assertTrue(Files.exists(JAR), "package the production jar first (mvn -pl app -am package): " + JAR);
    assertTrue(Files.size(JAR) < 60 * MIB, "the production jar: " + Files.size(JAR) / MIB + " MiB");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (String demo : List.of("org/geohazard/devstack/", "io/zonky/", "com/hivemq/", "postgres-linux",
          "librocksdbjni", "demo/registry.yaml", "demo/activity.sql")) {
        assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith(demo)), demo + " is in the jar");
      }
      assertTrue(jar.getEntry("org/geohazard/app/Main.class") != null);
    }
  }

  /** Started as a first-time operator might, with no configuration: it says what is missing and exits. */
  @Test
  void withNoDatabaseItSaysWhatIsMissingAndExits() throws Exception {
    Path log = Path.of("target", "production-jar-unconfigured.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("GEOHAZARD_"));
    builder.environment().put("GEOHAZARD_HTTP_PORT", "0");
    builder.environment().put("GEOHAZARD_HTTP_METRICS_PORT", "0");
    Process node = builder.start();
    try {
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "still running; see " + log);
      assertNotEquals(0, node.exitValue());
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(output.contains("No database.url (GEOHAZARD_DATABASE_URL) is set, and this build has no embedded"
          + " servers"), output);
      assertEquals(-1, output.indexOf("Exception in thread"), output);
    } finally {
      node.destroyForcibly();
    }
  }
}
