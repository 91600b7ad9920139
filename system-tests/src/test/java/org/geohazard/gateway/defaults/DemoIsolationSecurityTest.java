package org.geohazard.gateway.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.geohazard.app.config.ConfigException;
import org.geohazard.app.config.ConfigLoader;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo (the simulator and the demo registry with its published passwords) runs only on the embedded database
 * or when a deployment asks for it by name: a gateway pointed at a real database never creates the demo accounts.
 */
@Timeout(120)
class DemoIsolationSecurityTest {
  private static final String EXTERNAL = "jdbc:postgresql://db.example:5432/geohazard";
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void withNoConfigurationTheWholeDemoRuns() {
    GatewayConfig config = ConfigLoader.load(vertx, null, Map.of()).await();

    assertTrue(config.database().embedded());
    assertTrue(config.simulator().enabled());
  }

  @Test
  void aGatewayGivenADatabaseUrlRunsWithoutTheDemo() {
    GatewayConfig config = ConfigLoader.load(vertx, null, Map.of("GEOHAZARD_DATABASE_URL", EXTERNAL)).await();

    assertFalse(config.simulator().enabled());
  }

  @Test
  void theSimulatorOnARealDatabaseWithoutTheDemoFlagIsAConfigurationError() {
    Throwable error = assertThrows(RuntimeException.class, () -> ConfigLoader.load(vertx, null, Map.of(
        "GEOHAZARD_DATABASE_URL", EXTERNAL, "GEOHAZARD_SIMULATOR_ENABLED", "true")).await());

    assertInstanceOf(ConfigException.class, error);
    assertTrue(error.getMessage().contains("simulator.enabled"), error.getMessage());
    assertTrue(error.getMessage().contains("GEOHAZARD_DEMO"), error.getMessage());
  }

  @Test
  void theDemoFlagAllowsTheSimulatorOnANamedDatabase() {
    GatewayConfig config = ConfigLoader.load(vertx, null, Map.of("GEOHAZARD_DATABASE_URL", EXTERNAL,
        "GEOHAZARD_DEMO", "true")).await();

    assertTrue(config.simulator().enabled());
  }

  @Test
  void theSimulatorCanStillBeSwitchedOffOnTheEmbeddedDatabase() {
    GatewayConfig config = ConfigLoader.load(vertx, null, Map.of("GEOHAZARD_SIMULATOR_ENABLED", "false")).await();

    assertFalse(config.simulator().enabled());
  }

  @Test
  void aGatewayOnARealDatabaseCreatesNoDemoAccountsOrPoints() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Path registry = GatewayRunner.rulesRegistry();
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "nodemo/v1",
        registry);
    // as an operator would write it: a database and a registry, nothing said about the simulator
    env.remove("GEOHAZARD_SIMULATOR_ENABLED");

    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      Sql sql = new Sql(database.url());
      assertEquals(List.of("13700000001"), sql.column("SELECT phone FROM person ORDER BY phone"));
      assertEquals(List.of("P-RAIN"), sql.column("SELECT code FROM hazard_point ORDER BY code"));
      assertEquals(0, sql.count("SELECT count(*) FROM person WHERE password_hash IS NOT NULL"));
    }
  }
}
