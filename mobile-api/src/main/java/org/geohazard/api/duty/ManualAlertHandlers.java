package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.alerts.AlertActions;
import org.geohazard.api.Responses;
import org.geohazard.api.alerts.AlertQueries;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;

/** A duty officer, leader or administrator raises an alert by hand; it is delivered like a warning from the rules. */
final class ManualAlertHandlers {
  private final Database database;
  private final AlertActions actions;

  ManualAlertHandlers(Database database, AlertActions actions) {
    this.database = database;
    this.actions = actions;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("raiseAlert").addHandler(this::raise);
  }

  private void raise(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String point = body.getString("point");
    WarningLevel level = WarningLevel.byKey(body.getString("level")).orElseThrow();
    String title = body.getString("title").strip();
    String note = body.getString("note");
    database.withConnection(c -> {
      String status = AccessQueries.requirePointDutyRoom(c, person, point, "raise an alert");
      if (status.equals("delisted")) {
        throw ApiException.conflict("hazard point " + point + " is delisted");
      }
      long id = actions.raiseManual(c, point, level, title, note, person);
      return AlertQueries.find(c, person, id).orElseThrow();
    }).onSuccess(alert -> Responses.created(ctx, "/api/v1/alerts/" + alert.getLong("id"), alert))
        .onFailure(ctx::fail);
  }
}
