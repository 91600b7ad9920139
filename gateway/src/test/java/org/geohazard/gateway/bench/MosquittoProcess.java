package org.geohazard.gateway.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geohazard.gateway.testing.TestBrokers;

/** A Mosquitto (from the Debian package) on a free loopback port, configured like the project's deployments. */
final class MosquittoProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private MosquittoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MosquittoProcess start() throws Exception {
    String binary = Files.exists(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    int port = TestBrokers.freePort();
    Path config = Files.createTempFile("bench-mosquitto", ".conf");
    Files.writeString(config, """
        listener %d 127.0.0.1
        allow_anonymous true
        persistence false
        max_queued_messages 2000000
        max_queued_bytes 0
        max_inflight_messages 1000
        """.formatted(port));
    Path log = Files.createTempFile("bench-mosquitto", ".log");
    Process process;
    try {
      process = new ProcessBuilder(binary, "-c", config.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("the benchmark needs Mosquitto: apt-get install mosquitto", e);
    }
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return new MosquittoProcess(process, port);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroy();
    throw new IllegalStateException("Mosquitto did not start; see " + log);
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
