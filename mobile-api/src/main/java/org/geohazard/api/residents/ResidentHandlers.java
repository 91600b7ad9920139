package org.geohazard.api.residents;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.api.RequestParams;
import org.geohazard.api.alerts.AlertAccess;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.ingest.db.Database;

/** The residents' side: their app's push tokens, their answer to a warning, and the roll call duty officers read. */
public final class ResidentHandlers {
  private final Database database;

  public ResidentHandlers(Database database) {
    this.database = database;
  }


  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("registerPushToken").addHandler(this::registerToken);
    builder.getRoute("removePushToken").addHandler(this::removeToken);
    builder.getRoute("checkIn").addHandler(this::checkIn);
    builder.getRoute("rollCall").addHandler(this::rollCall);
  }

  public void registerToken(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    database.withConnection(c -> {
      ResidentQueries.register(c, person, body.getString("token"), body.getString("platform"),
          body.getString("language", "zh"));
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  public void removeToken(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String token = ctx.pathParam("token");
    database.withConnection(c -> ResidentQueries.remove(c, person, token))
        .onSuccess(removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(ApiException.notFound("no such push token of yours"));
          }
        })
        .onFailure(ctx::fail);
  }

  public void checkIn(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long alert = RequestParams.of(ctx).pathLong("alertId");
    JsonObject body = ctx.body().asJsonObject();
    JsonObject location = body.getJsonObject("location");
    database.withConnection(c -> {
      AlertAccess.require(c, person, alert, AlertAccess.Action.CHECK_IN, "check in on (residents of its point do)");
      if (AlertAccess.closed(c, alert)) {
        throw ApiException.conflict("alert " + alert + " has ended");
      }
      ResidentQueries.checkIn(c, alert, person, body.getString("status"), body.getString("note"),
          location == null ? null : location.getDouble("lat"), location == null ? null : location.getDouble("lon"));
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  public void rollCall(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long alert = RequestParams.of(ctx).pathLong("alertId");
    database.withConnection(c -> {
      AlertAccess.require(c, person, alert, AlertAccess.Action.RESOLVE, "read the roll call of");
      return ResidentQueries.rollCall(c, alert);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
