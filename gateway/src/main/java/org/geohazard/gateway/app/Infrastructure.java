package org.geohazard.gateway.app;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.gateway.config.GatewayConfig;
import org.geohazard.gateway.embedded.EmbeddedBroker;
import org.geohazard.gateway.embedded.EmbeddedDatabase;
import org.geohazard.gateway.mqtt.MqttConfig;
import org.geohazard.ingest.db.Database;
import org.geohazard.ingest.registry.RegistryFileParser;
import org.geohazard.ingest.registry.RegistrySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the gateway needs, started in order: the embedded PostgreSQL and broker when no external ones are
 * configured (an API node needs no broker), the database pool with its migrations, and the registry
 * ({@link RegistryStartup}).
 * Blocking: runs on a worker.
 */
final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
  static final String DEMO_REGISTRY = "/demo/registry.yaml";

  private EmbeddedDatabase embeddedDatabase;
  private EmbeddedBroker embeddedBroker;
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
      embeddedDatabase = EmbeddedDatabase.start(config.embedded().databaseDir(), config.embedded().databasePort());
      jdbcUrl = embeddedDatabase.jdbcUrl();
    }
    mqtt = config.mqtt();
    if (mqtt.url().isEmpty() && config.ingests()) {
      embeddedBroker = EmbeddedBroker.start(config.embedded().brokerHost(), config.embedded().brokerPort(),
          config.embedded().brokerPersistent(), config.embedded().brokerDir());
      mqtt = mqtt.withUrl(embeddedBroker.url(config.embedded().brokerHost()));
    }
    database = Database.open(vertx, config.database().toDatabaseConfig(jdbcUrl));
    importRegistry(config);
  }

  private void importRegistry(GatewayConfig config) throws IOException, SQLException {
    List<RegistryStartup.Source> sources = new ArrayList<>();
    if (!config.registryFile().isEmpty()) {
      String text = Files.readString(Path.of(config.registryFile()), StandardCharsets.UTF_8);
      sources.add(new RegistryStartup.Source(config.registryFile(), text));
    }
    if (config.simulator().enabled() && config.ingests()) {
      String text = demoRegistryText();
      demo = RegistryFileParser.parse(text);
      sources.add(new RegistryStartup.Source("demo registry", text));
    }
    try (Connection connection = database.dataSource().getConnection()) {
      RegistryStartup.apply(connection, config.registryMode(), sources);
    }
  }

  static String demoRegistryText() throws IOException {
    try (InputStream in = Infrastructure.class.getResourceAsStream(DEMO_REGISTRY)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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
