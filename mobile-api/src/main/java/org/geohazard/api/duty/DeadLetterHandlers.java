package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.List;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/** Dead letters: what devices sent that the platform could not use, with the reason and a safe payload preview. */
final class DeadLetterHandlers {
  private final Database database;

  DeadLetterHandlers(Database database) {
    this.database = database;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listDeadLetters").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    Instant from = Times.parseWithin(query.text("from"), "from");
    Instant to = Times.parseWithin(query.text("to"), "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiException.invalid("invalid-range", "Invalid range", "'from' must be before 'to'");
    }
    long[] cursor = Cursor.parts(query.text("cursor"), 2);
    int limit = query.integer("limit", 50);
    DeadLetterQueries.Filter filter = new DeadLetterQueries.Filter(query.text("device"), query.text("reason"), from,
        to, cursor == null ? null : Cursor.time(cursor[0]),
        cursor == null ? 0 : cursor[1], limit);
    database.withConnection(c -> {
      boolean all = RoleQueries.requireAny(c, person, RoleQueries.DUTY_ROOM, "read dead letters").contains("admin");
      List<JsonObject> items = DeadLetterQueries.list(c, person, all, filter);
      String next = items.size() < limit ? null : Cursor.of(
          String.valueOf(items.get(items.size() - 1).getLong("cursor_micros")),
          String.valueOf(items.get(items.size() - 1).getLong("id")));
      items.forEach(item -> item.remove("cursor_micros"));
      return new JsonObject().put("items", items).put("next_cursor", next);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
