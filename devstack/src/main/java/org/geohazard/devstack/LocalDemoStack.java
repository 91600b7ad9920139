package org.geohazard.devstack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.geohazard.app.DemoStack;
import org.geohazard.app.config.EmbeddedConfig;
import org.geohazard.app.config.SimulatorConfig;
import org.geohazard.devstack.simulator.DemoSimulator;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.telemetry.message.Topics;

/** The demo on one machine: PostgreSQL from a Maven artifact, HiveMQ CE embedded, the simulator (found by the node). */
public final class LocalDemoStack implements DemoStack {
  private static final String REGISTRY = "/demo/registry.yaml";
  private static final String ACTIVITY = "/demo/activity.sql";

  @Override
  public Server startDatabase(EmbeddedConfig config) throws IOException {
    EmbeddedDatabase database = EmbeddedDatabase.start(config.databaseDir(), config.databasePort());
    return server(database.jdbcUrl(), database);
  }

  @Override
  public Server startBroker(EmbeddedConfig config) throws IOException {
    EmbeddedBroker broker = EmbeddedBroker.start(config.brokerHost(), config.brokerPort(), config.brokerPersistent(),
        config.brokerDir());
    return server(broker.url(config.brokerHost()), broker);
  }

  private static Server server(String url, AutoCloseable running) {
    return new Server() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public void close() throws Exception {
        running.close();
      }
    };
  }

  @Override
  public String registryText() throws IOException {
    return resource(REGISTRY);
  }

  @Override
  public String activityText() throws IOException {
    return resource(ACTIVITY);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LocalDemoStack.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public Future<AutoCloseable> startSimulator(Vertx vertx, String brokerUrl, Topics topics, SimulatorConfig config,
      RegistrySpec demo) {
    DemoSimulator simulator = new DemoSimulator(vertx, brokerUrl, topics, config);
    return simulator.start(devices(demo)).map(started -> simulator::stop);
  }

  static List<DemoSimulator.DemoDevice> devices(RegistrySpec demo) {
    return demo.points().stream()
        .flatMap(point -> point.devices().stream())
        .map(device -> new DemoSimulator.DemoDevice(device.id(), device.channels().stream()
            .collect(Collectors.toMap(RegistrySpec.Channel::key, RegistrySpec.Channel::metric, (a, b) -> a,
                LinkedHashMap::new))))
        .toList();
  }
}
