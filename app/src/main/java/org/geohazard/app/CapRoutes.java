package org.geohazard.app;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.geohazard.alerts.cap.CapMessage;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.storage.Database;

/**
 * CAP 1.2 documents of public alerts: {@code GET /alerts/{id}/cap} is the alert's latest message,
 * {@code GET /alerts/{id}/cap/{eventId}} one of its earlier ones.
 */
final class CapRoutes {
  private static final String CAP_TYPE = "application/cap+xml; charset=utf-8";

  private CapRoutes() {
  }

  static void mount(Router router, Database database, CapWriter writer) {
    router.get("/alerts/:id/cap").handler(ctx -> respond(ctx, database, writer, null));
    router.get("/alerts/:id/cap/:event").handler(ctx -> respond(ctx, database, writer, ctx.pathParam("event")));
  }

  private static void respond(RoutingContext ctx, Database database, CapWriter writer, String event) {
    long alertId;
    Long eventId;
    try {
      alertId = Long.parseLong(ctx.pathParam("id"));
      eventId = event == null ? null : Long.parseLong(event);
    } catch (NumberFormatException e) {
      ctx.response().setStatusCode(400).end("alert and event ids are numbers\n");
      return;
    }
    database.withConnection(c -> CapWriter.messages(c, alertId))
        .map(messages -> pick(messages, eventId))
        .onSuccess(message -> {
          if (message.isEmpty()) {
            ctx.response().setStatusCode(404).end("no public alert message with that id\n");
          } else {
            ctx.response().putHeader("Content-Type", CAP_TYPE).end(writer.write(message.get()));
          }
        })
        .onFailure(ctx::fail);
  }

  private static Optional<CapMessage> pick(List<CapMessage> messages, Long eventId) {
    if (eventId == null) {
      return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
    }
    return messages.stream().filter(m -> m.eventId() == eventId).findFirst();
  }
}
