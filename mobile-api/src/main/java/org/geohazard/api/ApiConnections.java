package org.geohazard.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of the HTTP server the API runs on: one silent in both directions for the idle timeout is closed,
 * and one over the cap is closed as soon as it opens, before a byte of it is read. Live streams hold a connection
 * each and count like any other; they are capped on their own below this cap (and keep themselves alive well within
 * the idle timeout).
 */
public final class ApiConnections implements Handler<HttpConnection> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiConnections.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicBoolean full = new AtomicBoolean();

  ApiConnections(int max) {
    this.max = max;
  }

  /** An HTTP server with the API's idle timeout and connection cap; give it a request handler and listen. */
  public static HttpServer createServer(Vertx vertx, ApiConfig config) {
    // without cleartext HTTP/2 a connection is counted as it opens, not once its first bytes tell its protocol
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)
            .setIdleTimeout((int) config.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectionHandler(new ApiConnections(config.maxConnections()));
  }

  @Override
  public void handle(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      if (full.compareAndSet(false, true)) {
        LOG.warn("[connections: {}] HTTP connection cap reached; new connections are closed until some end", max);
      }
      connection.close();
      return;
    }
    connection.closeHandler(closed -> {
      if (open.decrementAndGet() < max * 9 / 10 && full.compareAndSet(true, false)) {
        LOG.info("[connections: {}] HTTP connections below the cap again", open.get());
      }
    });
  }
}
