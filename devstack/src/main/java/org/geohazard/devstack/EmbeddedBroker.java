package org.geohazard.devstack;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition) for running without an external broker. It accepts any
 * client: production deployments use a broker with per-device credentials and ACLs (docker-compose.yml).
 * The queue per client is raised far above the default so that readings wait for a slow gateway instead of being
 * discarded.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String CONFIG = """
      <?xml version="1.0"?>
      <hivemq>
        <listeners>
          <tcp-listener>
            <port>%d</port>
            <bind-address>%s</bind-address>
          </tcp-listener>
        </listeners>
        <mqtt>
          <queued-messages>
            <max-queue-size>1000000</max-queue-size>
            <strategy>discard</strategy>
          </queued-messages>
          <receive-maximum>
            <server-receive-maximum>1000</server-receive-maximum>
          </receive-maximum>
        </mqtt>
        <persistence>
          <mode>%s</mode>
        </persistence>
        <anonymous-usage-statistics>
          <enabled>false</enabled>
        </anonymous-usage-statistics>
      </hivemq>
      """;

  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
    this.hivemq = hivemq;
    this.port = port;
  }

  /** Blocks while the broker starts (a few seconds). */
  public static EmbeddedBroker start(String host, int port, boolean persistent, Path dataDir) throws IOException {
    Path configDir = Files.createDirectories(dataDir.resolve("conf"));
    Files.writeString(configDir.resolve("config.xml"),
        CONFIG.formatted(port, host, persistent ? "file" : "in-memory"));
    Path extensions = Files.createDirectories(dataDir.resolve("extensions"));
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(configDir)
        .withDataFolder(Files.createDirectories(dataDir.resolve("data")))
        .withExtensionsFolder(extensions)
        .build();
    try {
      hivemq.start().join();
    } catch (RuntimeException e) {
      throw new IOException("embedded broker did not start on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.info("Embedded MQTT broker on {}:{} ({} sessions); it accepts any client", host, port,
        persistent ? "persistent" : "in-memory");
    return new EmbeddedBroker(hivemq, port);
  }

  public String url(String host) {
    return "tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
  }

  @Override
  public void close() throws Exception {
    hivemq.stop().join();
    hivemq.close();
  }
}
