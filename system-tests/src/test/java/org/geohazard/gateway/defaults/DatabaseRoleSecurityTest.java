package org.geohazard.gateway.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's database script, run as the superuser the way the database image runs it at first start,
 * leaves the gateway a role that is no superuser: with it the gateway migrates, stores readings and serves the API,
 * and the role cannot run programs, read the server's files, create roles or databases, or change server settings.
 */
@Timeout(120)
class DatabaseRoleSecurityTest {
  private static final Path ROLES_SQL = Path.of("..", "deploy", "postgres", "roles.sql");
  private static final String ROLE = "geohazard_app";
  private static final String PASSWORD = "app-password-for-tests";

  @TempDir
  Path work;

  @Test
  void theGatewayRunsWithTheApplicationRoleWhichIsNoSuperuser() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    String script = Files.readString(ROLES_SQL);
    try (Connection superuser = DriverManager.getConnection(database.url(), "postgres", "postgres");
        Statement s = superuser.createStatement()) {
      s.execute(script);
      s.execute(script); // re-runnable
      s.execute("ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "'");
    }
    Sql sql = new Sql(database.url());
    assertEquals(List.of("f f f f f"), sql.column("SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole,"
        + " rolreplication, rolbypassrls) FROM pg_roles WHERE rolname = '" + ROLE + "'"));

    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "role/v1",
        GatewayRunner.registry(work, "/registry-owned.yaml"));
    env.put("GEOHAZARD_DATABASE_USER", ROLE);
    env.put("GEOHAZARD_DATABASE_PASSWORD", PASSWORD);
    try (GatewayRunner gateway = GatewayRunner.start(env);
        TestDevice gauge = TestDevice.connect(TestBrokers.hivemq(), "role/v1", "RG-O1")) {
      gauge.telemetry("{\"ts\": " + System.currentTimeMillis() + ", \"values\": {\"rainfall\": 1.5}}");
      Eventually.await(Duration.ofSeconds(20), () -> sql.count("SELECT count(*) FROM reading"), n -> n == 1);

      ApiClient api = new ApiClient("http://127.0.0.1:" + gateway.httpPort());
      String admin = api.login("13600000000", "admin-owned-pass");
      JsonObject points = api.json("GET", "/api/v1/points", admin);
      assertEquals("P-OWN", points.getJsonArray("items").getJsonObject(0).getString("code"), points.encode());
    }

    assertEquals(List.of(ROLE), sql.column("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"));
    try (Connection app = DriverManager.getConnection(database.url(), ROLE, PASSWORD);
        Statement s = app.createStatement()) {
      refused(s, "COPY (SELECT 1) TO PROGRAM 'true'");
      refused(s, "SELECT pg_read_file('postgresql.conf')");
      refused(s, "CREATE ROLE intruder LOGIN SUPERUSER");
      refused(s, "CREATE DATABASE intruder");
      refused(s, "ALTER SYSTEM SET log_statement = 'none'");
      refused(s, "ALTER ROLE " + ROLE + " SUPERUSER");
    }
  }

  /** A database the gateway migrated as the superuser (the stack before) is handed to the application's role. */
  @Test
  void aDatabaseMigratedByTheSuperuserIsAdoptedByTheApplicationRole() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "adopt/v1",
        GatewayRunner.registry(work, "/registry-owned.yaml"));
    try (GatewayRunner before = GatewayRunner.start(env)) {
      // migrated and imported as postgres, the superuser
    }
    try (Connection superuser = DriverManager.getConnection(database.url(), "postgres", "postgres");
        Statement s = superuser.createStatement()) {
      s.execute(Files.readString(ROLES_SQL));
      s.execute(Files.readString(ROLES_SQL.resolveSibling("adopt-existing.sql")));
      s.execute("ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "'");
    }
    Sql sql = new Sql(database.url());
    assertEquals(List.of(ROLE), sql.column("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"));
    assertEquals(List.of(ROLE), sql.column("SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc"
        + " WHERE pronamespace = 'public'::regnamespace"));

    env.put("GEOHAZARD_DATABASE_USER", ROLE);
    env.put("GEOHAZARD_DATABASE_PASSWORD", PASSWORD);
    try (GatewayRunner after = GatewayRunner.start(env);
        TestDevice gauge = TestDevice.connect(TestBrokers.hivemq(), "adopt/v1", "RG-O1")) {
      gauge.telemetry("{\"ts\": " + System.currentTimeMillis() + ", \"values\": {\"rainfall\": 2}}");
      Eventually.await(Duration.ofSeconds(20), () -> sql.count("SELECT count(*) FROM reading"), n -> n == 1);
    }
  }

  /** The same on TimescaleDB, where the script creates the extension and the role then creates the hypertables. */
  @Test
  void onTimescaleTheApplicationRoleCreatesTheHypertables() throws Exception {
    String given = TestDatabases.timescaleUrl();
    assumeTrue(given != null, "no TimescaleDB given: set " + TestDatabases.TIMESCALE_ENV);
    String name = "role_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    try (Connection superuser = DriverManager.getConnection(given); Statement s = superuser.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    // the superuser's credentials stay in the given URL's query; the gateway gets the database alone
    String server = given.replaceFirst("\\?.*$", "");
    String query = given.contains("?") ? given.substring(given.indexOf('?')) : "";
    String url = server.substring(0, server.lastIndexOf('/') + 1) + name;
    try (Connection superuser = DriverManager.getConnection(url + query); Statement s = superuser.createStatement()) {
      s.execute(Files.readString(ROLES_SQL));
      s.execute("ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "'");
    }
    Map<String, String> env = GatewayRunner.environment(url, TestBrokers.hivemq(), "role-ts/v1",
        GatewayRunner.registry(work, "/registry-owned.yaml"));
    env.put("GEOHAZARD_DATABASE_USER", ROLE);
    env.put("GEOHAZARD_DATABASE_PASSWORD", PASSWORD);
    env.put("GEOHAZARD_DATABASE_TIMESCALE", "required");
    try (GatewayRunner gateway = GatewayRunner.start(env);
        Connection app = DriverManager.getConnection(url, ROLE, PASSWORD);
        Statement s = app.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM timescaledb_information.hypertables"
            + " WHERE hypertable_name = 'reading' AND owner = '" + ROLE + "'")) {
      assertTrue(r.next() && r.getInt(1) == 1, "reading is a hypertable owned by the application's role");
    }
  }

  private static void refused(Statement s, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
    assertTrue(e.getSQLState().equals("42501") || e.getMessage().contains("permission denied")
        || e.getMessage().contains("must be superuser"), sql + ": " + e.getMessage());
  }
}
