package org.geohazard.api.live;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.concurrent.atomic.AtomicInteger;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * {@code GET /api/v1/events}: a Server-Sent Events stream of alert events, device online/offline changes, danger
 * reports and residents' calls for help (event {@code help}) at the points the caller is staff of (never a point they
 * only live at), for the duty apps.
 * Alert events carry their id, so a client that reconnects with {@code Last-Event-ID} first gets the alert events it
 * missed (calls for help are in the roll call). At most {@code maxStreams} streams per node; one whose client reads
 * too slowly is ended (the client reconnects and catches up), and every stream ends when its access token expires.
 */
public final class LiveStream {
  static final int MAX_MISSED = 500;

  private final Vertx vertx;
  private final Database database;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();

  public LiveStream(Vertx vertx, Database database, int maxStreams) {
    this.vertx = vertx;
    this.database = database;
    this.maxStreams = maxStreams;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("liveEvents").addHandler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    Long lastEventId = lastEventId(ctx.request().getHeader("Last-Event-ID"));
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      ctx.fail(new ApiException(503, "too-many-streams", "Too many live streams",
          "this node serves its maximum of live streams; try again shortly or another node"));
      return;
    }
    StreamSession session = new StreamSession(vertx, database, ctx, person, open::decrementAndGet);
    session.subscribe();
    database.withConnection(c -> LiveQueries.start(c, person, lastEventId, MAX_MISSED))
        .map(start -> {
          if (start.points().isEmpty()) {
            throw ApiException.forbidden("the live stream is for the duty apps");
          }
          session.begin(start, Tokens.expiresAtMillis(ctx));
          return start;
        })
        .onFailure(session::refuse);
  }

  private static Long lastEventId(String header) {
    if (header == null || header.isBlank() || header.length() > 19) {
      return null;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
