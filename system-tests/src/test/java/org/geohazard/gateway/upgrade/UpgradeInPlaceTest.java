package org.geohazard.gateway.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.geohazard.storage.Database;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database created and filled by the code of commit f252b2c (its migrations, kept as they were in
 * {@code /upgrade/f252b2c/}, and rows written against that schema) upgrades to this code's schema when the gateway
 * opens it, with nothing lost: each module's migration history carries on from the history all modules shared then.
 * Any later change to a migration that has shipped, or a new one that cannot follow them, fails here.
 */
@Timeout(120)
class UpgradeInPlaceTest {
  /** What every filled table held before the upgrade, counted again after it. */
  private static final List<String> TABLES = List.of("hazard_point", "device", "sensor", "reading", "device_state",
      "person", "person_role", "push_token", "refresh_token", "duty_shift", "alert", "outbox", "check_in", "patrol");

  @Test
  void aDatabaseOfCommitF252b2cUpgradesOnStartWithNothingLost() throws Exception {
    DatabaseConfig config = TestDatabases.freshDatabase();
    Flyway.configure().dataSource(config.url(), config.user(), config.password())
        .locations("classpath:upgrade/f252b2c").load().migrate();
    Map<String, Long> before;
    try (Connection c = connect(config); Statement s = c.createStatement()) {
      s.execute(resource("/upgrade/f252b2c-data.sql"));
      before = counts(s);
      assertEquals(250L, one(s, "SELECT max(version::int) FROM flyway_schema_history"), "the old schema's last");
    }

    Vertx vertx = Vertx.vertx();
    Database database = Database.open(vertx, config);
    try (Connection c = connect(config); Statement s = c.createStatement()) {
      assertEquals(before, counts(s), "rows of every table kept");
      // each module's history carries on from the shared one: ingest's from V5, the alerts' from V103, the API's from V250
      assertEquals(List.of("5 BASELINE", "263 SQL", "275 SQL", "276 SQL"), history(s, "ingest"));
      assertEquals(List.of("103 BASELINE", "260 SQL", "261 SQL", "262 SQL"), history(s, "alerts"));
      assertEquals("250 BASELINE", history(s, "api").get(0));
      assertTrue(history(s, "api").size() > 1, "the API's new migrations ran: " + history(s, "api"));
      assertEquals(250L, one(s, "SELECT max(version::int) FROM flyway_schema_history"), "the shared history is kept");
      assertEquals(20_010L, one(s, "SELECT round(sum(value))::bigint FROM reading"), "readings unchanged");
      assertEquals("pending", text(s, "SELECT state FROM outbox WHERE purpose = 'reminder'"),
          "the reminder still to send is still to send");
      assertEquals("evacuated", text(s, "SELECT status FROM check_in"));
      assertEquals("school", text(s, "SELECT evacuation_plan->>'assembly_point' FROM hazard_point"));
      assertEquals(3L, one(s, "SELECT missed_samples FROM device_state WHERE device_id = 'LF-U1'"));
      // phones kept as their digits, so the person signs in with them; one already taken by another stays as written
      assertEquals("王监测", text(s, "SELECT name FROM person WHERE phone = '13800000903'"));
      assertEquals(1L, one(s, "SELECT count(*) FROM person WHERE phone = '13800000904'"));
      assertEquals("王监测同号", text(s, "SELECT name FROM person WHERE phone = '138 0000 0904'"));
    } finally {
      database.close();
      vertx.close().await();
    }
  }

  /** The last shared history (every module's migrations up to V275, as the code before per-module histories left it). */
  @Test
  void aDatabaseOfTheLastSharedHistoryCarriesOnWithNothingToRun() throws Exception {
    DatabaseConfig config = TestDatabases.freshDatabase();
    Flyway.configure().dataSource(config.url(), config.user(), config.password())
        .locations("classpath:db/ingest", "classpath:db/alerts", "classpath:db/api").load().migrate();

    Vertx vertx = Vertx.vertx();
    Database database = Database.open(vertx, config);
    try (Connection c = connect(config); Statement s = c.createStatement()) {
      for (String module : List.of("ingest", "alerts", "api")) {
        List<String> history = history(s, module);
        assertEquals(1, history.size(), module + ": nothing to run again: " + history);
        assertEquals(newest(config, module) + " BASELINE", history.get(0), module);
      }
    } finally {
      database.close();
      vertx.close().await();
    }
  }

  private static Map<String, Long> counts(Statement s) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, one(s, "SELECT count(*) FROM " + table));
    }
    return counts;
  }

  /** The newest migration a module has in this build. */
  private static String newest(DatabaseConfig config, String module) {
    return Arrays.stream(Flyway.configure().dataSource(config.url(), config.user(), config.password())
            .locations("classpath:db/" + module).table("flyway_history_" + module).load().info().all())
        .map(migration -> migration.getVersion()).max(Comparator.naturalOrder()).orElseThrow().getVersion();
  }

  /** The module's history: version and type of each successful entry, in order. */
  private static List<String> history(Statement s, String module) throws SQLException {
    List<String> entries = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT version || ' ' || type FROM flyway_history_" + module
        + " WHERE success ORDER BY installed_rank")) {
      while (r.next()) {
        entries.add(r.getString(1));
      }
    }
    return entries;
  }

  private static Connection connect(DatabaseConfig config) throws SQLException {
    return DriverManager.getConnection(config.url(), config.user(), config.password());
  }

  private static long one(Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String text(Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = UpgradeInPlaceTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
