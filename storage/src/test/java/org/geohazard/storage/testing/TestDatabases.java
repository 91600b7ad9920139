package org.geohazard.storage.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.TimescaleMode;

/**
 * Real PostgreSQL for tests: one embedded server per test JVM, and a fresh database on it for each caller.
 * {@link #timescaleUrl()} gives a TimescaleDB when one is named by {@code GEOHAZARD_TEST_TIMESCALE_URL}.
 */
public final class TestDatabases {
  public static final String TIMESCALE_ENV = "GEOHAZARD_TEST_TIMESCALE_URL";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabases() {
  }

  /** A new, empty database on the shared embedded server. */
  public static synchronized DatabaseConfig freshDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return config("jdbc:postgresql://localhost:" + server().getPort() + "/" + name, "postgres", "postgres",
        TimescaleMode.AUTO);
  }

  public static DatabaseConfig config(String url, String user, String password, TimescaleMode mode) {
    return new DatabaseConfig(url, user, password, 4, Duration.ofSeconds(20), mode, "7 days", "5 years");
  }

  /** The TimescaleDB given to this run, or null. */
  public static String timescaleUrl() {
    String url = System.getenv(TIMESCALE_ENV);
    return url == null || url.isBlank() ? null : url;
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return server;
  }
}
