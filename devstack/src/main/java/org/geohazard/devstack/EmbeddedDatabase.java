package org.geohazard.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from binaries shipped as a Maven artifact, its data kept in a local folder between
 * runs. For a laptop or a demo; production uses TimescaleDB (docker-compose.yml).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres server;

  private EmbeddedDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Blocks for a few seconds while the server starts. */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
    EmbeddedPostgres server = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir.toAbsolutePath().toFile())
        .setCleanDataDirectory(false)
        .setPort(port)
        // stopped by the node after its workers and pools (Infrastructure.close), not by a hook of its own that
        // runs beside the node's on SIGTERM and cuts the connections still in use
        .setRegisterShutdownHook(false)
        .start();
    LOG.info("Embedded PostgreSQL on port {} with {} data in {} (no TimescaleDB)", port,
        existing ? "existing" : "new", dataDir.toAbsolutePath());
    return new EmbeddedDatabase(server);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
