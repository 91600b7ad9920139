package org.geohazard.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.ServiceLoader;
import org.geohazard.app.config.ConfigException;
import org.geohazard.app.config.EmbeddedConfig;
import org.geohazard.app.config.SimulatorConfig;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.telemetry.message.Topics;

/**
 * The demo, in the builds that carry it (the demo jar, from the {@code devstack} module): an embedded PostgreSQL and
 * MQTT broker for a node given no database or broker, the demo registry and the simulator. The production jar carries
 * none of it, so a node there needs {@code database.url} (and a gateway {@code mqtt.url}).
 */
public interface DemoStack {
  /** A server started for the node: its address (a JDBC URL, an MQTT URL), stopped on close. */
  interface Server extends AutoCloseable {
    String url();
  }

  Server startDatabase(EmbeddedConfig config) throws Exception;

  Server startBroker(EmbeddedConfig config) throws Exception;

  /** The demo registry's YAML: its points, devices, people and rules. */
  String registryText() throws Exception;

  /**
   * The demo county's previous calendar year of example activity, as SQL run once after the demo registry (see
   * {@link DemoActivity}): what its year-end report counts.
   */
  String activityText() throws Exception;

  /** Starts the simulated devices of the demo registry; closing stops them (blocking). */
  Future<AutoCloseable> startSimulator(Vertx vertx, String brokerUrl, Topics topics, SimulatorConfig config,
      RegistrySpec demo);

  /**
   * The demo on the class path.
   *
   * @param missing what the node lacks without it, for the error: e.g. {@code database.url (GEOHAZARD_DATABASE_URL)}
   * @throws ConfigException when this build has no demo
   */
  static DemoStack required(String missing) {
    Optional<DemoStack> stack = ServiceLoader.load(DemoStack.class).findFirst();
    return stack.orElseThrow(() -> new ConfigException("No " + missing + " is set, and this build has no embedded"
        + " servers or simulator: set it, or run the demo jar (devstack/target/geohazard-demo.jar)"));
  }
}
