package org.geohazard.gateway.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geohazard.devstack.EmbeddedBroker;

/**
 * HiveMQ CE as a process of its own, run until killed; started by {@link BrokerProcess#hivemq}.
 * {@code HiveMqMain PORT DATA_DIR}: the embedded broker's configuration with file persistence.
 * {@code HiveMqMain PORT DATA_DIR CONFIG_FOLDER EXTENSIONS_FOLDER}: a deployment's own config.xml (its listener on
 * PORT) and extensions.
 */
public final class HiveMqMain {
  private HiveMqMain() {
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[1]);
    if (args.length >= 4) {
      EmbeddedHiveMQ.builder()
          .withConfigurationFolder(Path.of(args[2]))
          .withDataFolder(Files.createDirectories(data.resolve("data")))
          .withExtensionsFolder(Path.of(args[3]))
          .build().start().join();
    } else {
      EmbeddedBroker.start("127.0.0.1", Integer.parseInt(args[0]), true, data);
    }
    Thread.currentThread().join();
  }
}
