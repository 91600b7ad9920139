package org.geohazard.gateway.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.geohazard.gateway.testing.TestBrokers;
import org.postgresql.Driver;

/**
 * The database a benchmark's figures come from. By default the embedded PostgreSQL with durable settings (fsync and
 * synchronous_commit on, as a production server runs); with {@value #URL_VARIABLE} set, any PostgreSQL/TimescaleDB
 * server: the benchmark creates a database of its own there, runs in it, and drops it at the end.
 */
final class BenchDatabase implements AutoCloseable {
  static final String URL_VARIABLE = "GEOHAZARD_BENCH_DATABASE_URL";

  /** Where the figures come from, as the server reports it. */
  record Settings(String where, String postgresVersion, String timescaleVersion, String fsync,
      String synchronousCommit) {
  }

  private final EmbeddedPostgres embedded;
  private final String serverUrl;
  private final String created;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String where;

  private BenchDatabase(EmbeddedPostgres embedded, String serverUrl, String created, String jdbcUrl, String user,
      String password, String where) {
    this.embedded = embedded;
    this.serverUrl = serverUrl;
    this.created = created;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.where = where;
  }

  /** The database named by {@value #URL_VARIABLE}, or the embedded one in {@code work} when it is unset. */
  static BenchDatabase open(Path work) throws Exception {
    return open(work, System.getenv().getOrDefault(URL_VARIABLE, ""));
  }

  static BenchDatabase open(Path work, String url) throws Exception {
    return url.isBlank() ? embedded(work.resolve("pg")) : external(url.trim());
  }

  private static BenchDatabase embedded(Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    // The embedded server's own defaults favour speed over durability; the benchmarks take durable figures.
    EmbeddedPostgres server = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir.toAbsolutePath().toFile())
        .setCleanDataDirectory(true)
        .setPort(TestBrokers.freePort())
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .start();
    String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    return new BenchDatabase(server, null, null, url, "postgres", "postgres", "embedded");
  }

  private static BenchDatabase external(String url) {
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new IllegalStateException(URL_VARIABLE + " must be a JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE"
          + "?user=USER&password=PASSWORD; got one starting " + url.substring(0, Math.min(url.length(), 20)));
    }
    Properties parsed = Driver.parseURL(url, null);
    if (parsed == null) {
      throw new IllegalStateException(URL_VARIABLE + " is not a JDBC URL the PostgreSQL driver understands");
    }
    String host = parsed.getProperty("PGHOST", "localhost");
    String port = parsed.getProperty("PGPORT", "5432");
    String user = parsed.getProperty("user", "");
    String password = parsed.getProperty("password", "");
    String name = "geohazard_bench_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(URL_VARIABLE + ": cannot create a database for the benchmark on " + host + ":"
          + port + " as '" + user + "' (the role needs CREATEDB): " + e.getMessage(), e);
    }
    String query = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?'));
    String benchUrl = "jdbc:postgresql://" + host.split(",")[0] + ":" + port.split(",")[0] + "/" + name + query;
    return new BenchDatabase(null, url, name, benchUrl, user, password, host);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** The gateway's configuration variables that point it at this database. */
  Map<String, String> gatewayVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("GEOHAZARD_DATABASE_URL", jdbcUrl);
    variables.put("GEOHAZARD_DATABASE_USER", user);
    variables.put("GEOHAZARD_DATABASE_PASSWORD", password);
    return variables;
  }

  /** {@code others} with the gateway's configuration variables that point it at this database. */
  Map<String, String> withGatewayVariables(Map<String, String> others) {
    Map<String, String> variables = new LinkedHashMap<>(others);
    variables.putAll(gatewayVariables());
    return variables;
  }

  Settings settings() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      String timescale = "none";
      try (ResultSet r = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
        if (r.next()) {
          timescale = r.getString(1);
        }
      }
      if (timescale.equals("none")) {
        try (ResultSet r = s.executeQuery(
            "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'")) {
          if (r.next()) {
            timescale = "none (" + r.getString(1) + " installed on the server, not in use in this database)";
          }
        }
      }
      return new Settings(where, show(s, "server_version"), timescale, show(s, "fsync"),
          show(s, "synchronous_commit"));
    }
  }

  /** One line to print beside the figures. */
  String describe() throws SQLException {
    Settings s = settings();
    return String.format("Database: %s, PostgreSQL %s, TimescaleDB %s, fsync %s, synchronous_commit %s%s",
        s.where(), s.postgresVersion(), s.timescaleVersion(), s.fsync(), s.synchronousCommit(),
        "on".equals(s.fsync()) && !"off".equals(s.synchronousCommit()) ? " (durable)"
            : " (NOT durable: these figures overstate a production server)");
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet r = s.executeQuery("SHOW " + setting)) {
      r.next();
      return r.getString(1);
    }
  }

  @Override
  public void close() throws Exception {
    if (embedded != null) {
      embedded.close();
      return;
    }
    try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + created + " WITH (FORCE)");
    }
  }
}
