package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.alerts.AlertAccess;
import org.geohazard.api.auth.Tokens;
import org.geohazard.storage.Database;

/** Delivery status of an alert per recipient, for those who may resolve it. */
final class DeliveryHandlers {
  private final Database database;

  DeliveryHandlers(Database database) {
    this.database = database;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listDeliveries").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    long alert = query.pathLong("alertId");
    long[] cursor = Cursor.parts(query.text("cursor"), 1);
    int limit = query.integer("limit", 100);
    DeliveryQueries.Filter filter = new DeliveryQueries.Filter(query.text("state"), query.text("channel"),
        cursor == null ? 0 : cursor[0], limit);
    database.withConnection(c -> {
      AlertAccess.require(c, person, alert, AlertAccess.Action.RESOLVE, "see the deliveries of");
      List<JsonObject> items = DeliveryQueries.rows(c, alert, filter);
      return new JsonObject().put("alert", alert).put("summary", DeliveryQueries.summary(c, alert))
          .put("items", items)
          .put("next_cursor", items.size() < limit ? null
              : Cursor.ofId(items.get(items.size() - 1).getLong("id")));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
