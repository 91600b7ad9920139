package org.geohazard.app;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.mqtt.MqttConfig;
import org.geohazard.registry.RegistryFileParser;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the gateway needs, started in order: the demo's PostgreSQL and broker ({@link DemoStack}) when no
 * external ones are configured (an API node needs no broker), the database pool with its migrations, and the registry
 * ({@link RegistryStartup}), with the demo's year of activity on the demo's database ({@link DemoActivity}).
 * Blocking: runs on a worker.
 */
final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
  private DemoStack demoStack;
  private DemoStack.Server embeddedDatabase;
  private DemoStack.Server embeddedBroker;
  private Database database;
  private MqttConfig mqtt;
  private RegistrySpec demo;

  static Infrastructure start(Vertx vertx, GatewayConfig config) throws Exception {
    Infrastructure infrastructure = new Infrastructure();
    try {
      infrastructure.startAll(vertx, config);
      return infrastructure;
    } catch (Exception e) {
      infrastructure.close();
      throw e;
    }
  }

  private void startAll(Vertx vertx, GatewayConfig config) throws Exception {
    String jdbcUrl = config.database().url();
    if (config.database().embedded()) {
      embeddedDatabase = requireDemo("database.url (GEOHAZARD_DATABASE_URL)").startDatabase(config.embedded());
      jdbcUrl = embeddedDatabase.url();
    }
    mqtt = config.mqtt();
    if (mqtt.url().isEmpty() && config.ingests()) {
      embeddedBroker = requireDemo("mqtt.url (GEOHAZARD_MQTT_URL)").startBroker(config.embedded());
      mqtt = mqtt.withUrl(embeddedBroker.url());
    }
    database = Database.open(vertx, config.database().toDatabaseConfig(jdbcUrl));
    importRegistry(config);
  }

  private void importRegistry(GatewayConfig config) throws Exception {
    List<RegistryStartup.Source> sources = new ArrayList<>();
    if (!config.registryFile().isEmpty()) {
      String text = Files.readString(Path.of(config.registryFile()), StandardCharsets.UTF_8);
      sources.add(new RegistryStartup.Source(config.registryFile(), text));
    }
    if (config.simulator().enabled() && config.ingests()) {
      String text = requireDemo("database.url (GEOHAZARD_DATABASE_URL)").registryText();
      demo = RegistryFileParser.parse(text);
      sources.add(new RegistryStartup.Source("demo registry", text));
    }
    try (Connection connection = database.dataSource().getConnection()) {
      RegistryStartup.apply(connection, config.registryMode(), sources);
      if (demo != null) {
        DemoActivity.loadOnce(connection, demoStack.activityText(), demo);
      }
    }
  }

  /** The demo, found once on the class path, or a clear error naming what the node lacks without it. */
  private DemoStack requireDemo(String missing) {
    if (demoStack == null) {
      demoStack = DemoStack.required(missing);
    }
    return demoStack;
  }

  /** The demo in use (its simulator), when the node runs on it. */
  DemoStack demoStack() {
    return demoStack;
  }

  Database database() {
    return database;
  }

  /** The MQTT settings with the broker's URL filled in when the embedded one runs. */
  MqttConfig mqtt() {
    return mqtt;
  }

  /** The demo registry, when the simulator is on. */
  RegistrySpec demo() {
    return demo;
  }

  @Override
  public void close() throws Exception {
    if (database != null) {
      database.close();
    }
    if (embeddedBroker != null) {
      embeddedBroker.close();
    }
    if (embeddedDatabase != null) {
      embeddedDatabase.close();
    }
  }
}
