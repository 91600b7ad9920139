package org.geohazard.storage;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.geohazard.lifecycle.Backoff;
import org.geohazard.lifecycle.RoundFailed;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from PostgreSQL's LISTEN/NOTIFY to this node's event bus: a worker of its own holds one connection (not
 * from the pool) listening on {@value #CHANNEL} (filled by triggers, see migration V240) and publishes every event, as JSON, on the
 * local address {@value #ADDRESS}. Events written by any process reach every API node. The connection is checked with
 * a query every {@code database.listen-check-s} (a dead network stays silent otherwise); a lost connection shows in
 * {@link #listening()} (and so in /health) and is opened again (at once after a long session, else after the worker's
 * backoff); events of the gap are not replayed
 * here (alert events are, by the stream, from the table).
 */
public final class LiveEvents implements AutoCloseable {
  public static final String CHANNEL = "geohazard_live";
  public static final String ADDRESS = "geohazard.live";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  private static final int POLL_MS = 500;
  /** A session that lasted this long ends in a fresh start, not in a longer pause than the last. */
  private static final Duration LONG_SESSION = Backoff.DEFAULT.max();

  private final Vertx vertx;
  private final Database database;
  private final Worker worker;
  private volatile boolean listening;

  private LiveEvents(Workers workers, Vertx vertx, Database database) {
    this.vertx = vertx;
    this.database = database;
    this.worker = workers.loop("live-events", this::session);
  }

  /** Listens on a connection of its own, outside the database's pool. */
  public static LiveEvents start(Workers workers, Vertx vertx, Database database) {
    LiveEvents events = new LiveEvents(workers, vertx, database);
    events.worker.start();
    return events;
  }

  /** Whether the node currently listens (for health checks and tests). */
  public boolean listening() {
    return listening;
  }

  /** One connection, listened on until it fails or the node stops. */
  private boolean session() throws RoundFailed {
    long since = System.nanoTime();
    try (Connection connection = database.openDedicated("live events");
        Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + CHANNEL);
      listening = true;
      since = System.nanoTime();
      LOG.info("Listening for live events on channel {}", CHANNEL);
      listen(connection.unwrap(PGConnection.class), statement);
      return true;
    } catch (SQLException e) {
      if (!listening || System.nanoTime() - since < LONG_SESSION.toNanos() || worker.stopping()) {
        throw new RoundFailed("Live events interrupted; listening again", e);
      }
      LOG.warn("Live events interrupted ({}); listening again", e.getMessage());
      return true;
    } finally {
      listening = false;
    }
  }

  private void listen(PGConnection connection, Statement statement) throws SQLException {
    long checkEvery = database.dedicatedCheckInterval().toNanos();
    long nextCheck = System.nanoTime() + checkEvery;
    while (!worker.stopping()) {
      PGNotification[] notifications = connection.getNotifications(POLL_MS);
      if (notifications != null) {
        for (PGNotification notification : notifications) {
          publish(notification.getParameter());
        }
      }
      if (System.nanoTime() > nextCheck) {
        // A dead connection stays silent; a query finds out (within the connection's socket timeout).
        statement.execute("SELECT 1");
        nextCheck = System.nanoTime() + checkEvery;
      }
    }
  }

  private void publish(String payload) {
    try {
      vertx.eventBus().publish(ADDRESS, new JsonObject(payload));
    } catch (DecodeException e) {
      LOG.warn("A live event that is not JSON was ignored ({} characters)", payload.length());
    }
  }

  @Override
  public void close() {
    worker.close();
  }
}
