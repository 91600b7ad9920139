package org.geohazard.api.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.geohazard.storage.Database;
import org.geohazard.storage.LiveEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream, on the event loop of its request. Live events are held back (at most {@value #MAX_HELD})
 * until the scope and the missed events are loaded, so nothing falls between the replay and the live feed.
 */
final class StreamSession {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
  private static final int MAX_HELD = 1000;
  private static final long HEARTBEAT_MS = 15_000;
  private static final long RESCOPE_MS = 60_000;

  private final Vertx vertx;
  private final Database database;
  private final RoutingContext ctx;
  private final long person;
  private final Runnable onEnd;
  private final List<JsonObject> held = new ArrayList<>();
  private MessageConsumer<JsonObject> consumer;
  private Set<String> points;
  private long lastAlertEvent;
  private long heartbeat = -1;
  private long rescope = -1;
  private long expiry = -1;
  private boolean ended;

  StreamSession(Vertx vertx, Database database, RoutingContext ctx, long person, Runnable onEnd) {
    this.vertx = vertx;
    this.database = database;
    this.ctx = ctx;
    this.person = person;
    this.onEnd = onEnd;
  }

  /** Starts taking live events before the replay is loaded. */
  void subscribe() {
    consumer = vertx.eventBus().localConsumer(LiveEvents.ADDRESS, message -> offer(message.body()));
    ctx.response().closeHandler(v -> end());
  }

  void refuse(Throwable failure) {
    end();
    ctx.fail(failure);
  }

  void begin(LiveQueries.Start start, long expiresAtMillis) {
    if (ended) {
      return;
    }
    points = start.points();
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 3000\n\n");
    start.missed().forEach(this::send);
    List<JsonObject> waiting = List.copyOf(held);
    held.clear();
    waiting.forEach(this::send);
    heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> write(": keep-alive\n\n"));
    rescope = vertx.setPeriodic(RESCOPE_MS, id -> database.withConnection(c -> LiveQueries.points(c, person))
        .onSuccess(visible -> points = visible));
    long untilExpiry = Math.max(1, expiresAtMillis - System.currentTimeMillis());
    expiry = vertx.setTimer(untilExpiry, id -> finish());
  }

  private void offer(JsonObject event) {
    if (ended) {
      return;
    }
    if (points == null) {
      if (held.size() >= MAX_HELD) {
        LOG.warn("[person: {}] live stream ended: too many events while it started", person);
        finish();
        return;
      }
      held.add(event);
      return;
    }
    send(event);
  }

  private void send(JsonObject event) {
    if (!points.contains(event.getString("point"))) {
      return;
    }
    String type = event.getString("type", "message");
    StringBuilder frame = new StringBuilder();
    if ("alert".equals(type)) {
      long id = event.getLong("event_id", 0L);
      if (id <= lastAlertEvent) {
        return;
      }
      lastAlertEvent = id;
      frame.append("id: ").append(id).append('\n');
    }
    frame.append("event: ").append(type).append('\n').append("data: ").append(event.encode()).append("\n\n");
    write(frame.toString());
  }

  private void write(String frame) {
    HttpServerResponse response = ctx.response();
    if (ended || response.ended()) {
      return;
    }
    if (response.writeQueueFull()) {
      LOG.info("[person: {}] live stream ended: the client reads too slowly; it will reconnect and catch up", person);
      finish();
      return;
    }
    response.write(frame);
  }

  /** Ends the stream from this side. */
  private void finish() {
    boolean wasEnded = ended;
    end();
    if (!wasEnded && !ctx.response().ended()) {
      ctx.response().end();
    }
  }

  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (consumer != null) {
      consumer.unregister();
    }
    for (long timer : new long[] {heartbeat, rescope, expiry}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    onEnd.run();
  }
}
