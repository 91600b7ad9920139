package org.geohazard.registry.testing;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.storage.Database;
import org.geohazard.storage.DatabaseConfig;

/** Helpers shared by tests that need a migrated database with the test registry in it. */
public final class DatabaseFixture {
  private DatabaseFixture() {
  }

  public static Database migratedWithRegistry(Vertx vertx, DatabaseConfig config) throws Exception {
    Database database = Database.open(vertx, config);
    try (Connection c = database.dataSource().getConnection()) {
      RegistryImporter.importFile(c, testRegistry());
    }
    return database;
  }

  /** The test registry as a file (it may sit inside a jar on the classpath). */
  public static Path testRegistry() throws Exception {
    Path file = java.nio.file.Files.createTempFile("test-registry", ".yaml");
    file.toFile().deleteOnExit();
    try (java.io.InputStream in = DatabaseFixture.class.getResourceAsStream("/test-registry.yaml")) {
      java.nio.file.Files.write(file, in.readAllBytes());
    }
    return file;
  }

  public static long count(Database database, String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Runs one statement (test set-up: people, devices, a clock moved back). */
  public static void execute(Database database, String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of every row, as text. */
  public static java.util.List<String> column(Database database, String sql) throws SQLException {
    java.util.List<String> values = new java.util.ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  public static int sensorId(Database database, String device, String channel) throws SQLException {
    return (int) count(database,
        "SELECT id FROM sensor WHERE device_id = '" + device + "' AND channel = '" + channel + "'");
  }
}
