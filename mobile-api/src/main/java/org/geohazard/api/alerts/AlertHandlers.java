package org.geohazard.api.alerts;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.alerts.AlertActions;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/** The alert endpoints: list with filters and a cursor, one alert with its history, answer, resolve. */
public final class AlertHandlers {
  private final Database database;
  private final AlertActions actions;

  public AlertHandlers(Database database, AlertActions actions) {
    this.database = database;
    this.actions = actions;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("me").addHandler(this::me);
    builder.getRoute("listAlerts").addHandler(this::list);
    builder.getRoute("getAlert").addHandler(this::get);
    builder.getRoute("answerAlert").addHandler(this::answer);
    builder.getRoute("resolveAlert").addHandler(this::resolve);
  }

  /** The signed-in person and their roles. */
  public void me(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.withConnection(c -> AlertQueries.person(c, person))
        .onSuccess(found -> found.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.unauthorized("the signed-in person no longer exists"))))
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    AlertQueries.Filter filter = new AlertQueries.Filter(query.text("level"), query.text("state"),
        query.text("point"), query.bool("drill"), Cursor.id(query.text("cursor")), limit);
    database.withConnection(c -> AlertQueries.list(c, person, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items)
            .put("next_cursor", items.size() < limit ? null : Cursor.ofId(items.get(items.size() - 1).getLong("id")))))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("alertId");
    database.withConnection(c -> AlertQueries.find(c, person, id))
        .onSuccess(alert -> alert.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.notFound("no alert " + id + " that you may see"))))
        .onFailure(ctx::fail);
  }

  public void answer(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("alertId");
    database.withConnection(c -> {
      AlertAccess.require(c, person, id, AlertAccess.Action.ANSWER, "answer");
      switch (actions.answer(c, id, person)) {
        case NOT_OPEN -> throw ApiException.conflict("alert " + id + " is closed");
        case ALREADY -> throw ApiException.conflict("alert " + id + " is already answered at its level");
        default -> {
          // answered (the duty room) or received (a monitor): the alert as it now stands says which
        }
      }
      return AlertQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void resolve(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("alertId");
    String note = ctx.body().asJsonObject().getString("note");
    database.withConnection(c -> {
      AlertAccess.require(c, person, id, AlertAccess.Action.RESOLVE, "resolve");
      if (!actions.resolve(c, id, person, note)) {
        throw ApiException.conflict("alert " + id + " is already closed");
      }
      return AlertQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

}
