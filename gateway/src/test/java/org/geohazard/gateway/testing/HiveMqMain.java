package org.geohazard.gateway.testing;

import java.nio.file.Path;
import org.geohazard.gateway.embedded.EmbeddedBroker;

/**
 * HiveMQ CE with file persistence, as a process of its own: {@code HiveMqMain PORT DATA_DIR}. Runs until killed;
 * started by {@link BrokerProcess#hivemq}.
 */
public final class HiveMqMain {
  private HiveMqMain() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedBroker.start("127.0.0.1", Integer.parseInt(args[0]), true, Path.of(args[1]));
    Thread.currentThread().join();
  }
}
