package org.geohazard.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.geohazard.devstack.EmbeddedBroker;

/**
 * Real MQTT brokers for tests: the embedded HiveMQ, started once per test JVM, and a Mosquitto when one is named by
 * {@code GEOHAZARD_TEST_MOSQUITTO_URL} (CI starts one).
 */
public final class TestBrokers {
  public static final String MOSQUITTO_ENV = "GEOHAZARD_TEST_MOSQUITTO_URL";

  private static String hivemqUrl;

  private TestBrokers() {
  }

  public static synchronized String hivemq() {
    if (hivemqUrl == null) {
      try {
        int port = freePort();
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, false,
            Files.createTempDirectory("test-broker"));
        hivemqUrl = broker.url("127.0.0.1");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            broker.close();
          } catch (Exception ignored) {
            // the JVM is exiting
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return hivemqUrl;
  }

  /** The Mosquitto given to this run, or null. */
  public static String mosquitto() {
    String url = System.getenv(MOSQUITTO_ENV);
    return url == null || url.isBlank() ? null : url;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
