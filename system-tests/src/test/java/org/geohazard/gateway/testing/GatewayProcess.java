package org.geohazard.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The production jar run as a process of its own, as a deployment runs it; started once /health answers 200. */
public final class GatewayProcess {
  public static final Path JAR = Path.of("..", "app", "target", "geohazard-gateway.jar");
  public static final Path DEMO_JAR = Path.of("..", "devstack", "target", "geohazard-demo.jar");

  private GatewayProcess() {
  }

  /** Starts the production jar with the environment, its output in {@code log}, and waits until it is healthy. */
  public static Process launch(Map<String, String> env, int httpPort, Path log) throws Exception {
    return launch(JAR, Path.of("."), env, httpPort, log);
  }

  /** Starts a jar in a working folder (where the demo keeps its data), and waits until it is healthy. */
  public static Process launch(Path jar, Path workDir, Map<String, String> env, int httpPort, Path log)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toAbsolutePath().toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build();
    int status = Eventually.await(Duration.ofSeconds(60), () -> {
      try {
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        return process.isAlive() ? 0 : -1;
      }
    }, code -> code == 200 || code == -1);
    assertEquals(200, status, "the gateway process did not become healthy; see " + log);
    return process;
  }
}
