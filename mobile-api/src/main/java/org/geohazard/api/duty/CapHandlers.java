package org.geohazard.api.duty;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.geohazard.alerts.cap.CapMessage;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.api.RequestParams;
import org.geohazard.api.alerts.AlertAccess;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/** The CAP 1.2 documents of a public alert, for those who may see the alert: its latest message or one by event. */
final class CapHandlers {
  static final String CAP_TYPE = "application/cap+xml; charset=utf-8";

  private final Database database;
  private final CapWriter writer;

  CapHandlers(Database database, CapWriter writer) {
    this.database = database;
    this.writer = writer;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("alertCap").addHandler(ctx -> respond(ctx, false));
    builder.getRoute("alertCapMessage").addHandler(ctx -> respond(ctx, true));
  }

  private void respond(RoutingContext ctx, boolean byEvent) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    long alert = params.pathLong("alertId");
    Long event = byEvent ? params.pathLong("eventId") : null;
    database.withConnection(c -> {
      if (!AlertAccess.visible(c, person, alert)) {
        throw ApiException.notFound("no alert " + alert + " that you may see");
      }
      List<CapMessage> messages = CapWriter.messages(c, alert);
      if (messages.isEmpty()) {
        throw ApiException.notFound("alert " + alert + " is not a public alert and has no CAP message");
      }
      if (event == null) {
        return messages.get(messages.size() - 1);
      }
      return messages.stream().filter(m -> m.eventId() == event).findFirst()
          .orElseThrow(() -> ApiException.notFound("alert " + alert + " has no CAP message for event " + event));
    }).onSuccess(message -> ctx.response().putHeader("Content-Type", CAP_TYPE).end(writer.write(message)))
        .onFailure(ctx::fail);
  }
}
