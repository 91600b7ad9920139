package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.geohazard.alerts.AlertActions;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Drills (演练): list, start one for a point (its county's duty room) or for the whole deployment (administrators),
 * stop it. While a drill runs, the alerts raised there and their messages are marked as drills.
 */
final class DrillHandlers {
  private final Database database;
  private final AlertActions actions;

  DrillHandlers(Database database, AlertActions actions) {
    this.database = database;
    this.actions = actions;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listDrills").addHandler(this::list);
    builder.getRoute("getDrill").addHandler(this::get);
    builder.getRoute("startDrill").addHandler(this::start);
    builder.getRoute("stopDrill").addHandler(this::stop);
  }

  private void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    long[] cursor = Cursor.parts(query.text("cursor"), 1);
    int limit = query.integer("limit", 50);
    database.withConnection(c -> {
      RoleQueries.requireAny(c, person, RoleQueries.DUTY_ROOM, "see drills");
      List<JsonObject> items = DrillQueries.list(c, person, query.text("state"),
          cursor == null ? Long.MAX_VALUE : cursor[0], limit);
      return new JsonObject().put("items", items).put("next_cursor", items.size() < limit ? null
          : Cursor.ofId(items.get(items.size() - 1).getLong("id")));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("drillId");
    database.withConnection(c -> visible(c, person, id)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void start(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String point = body.getString("point");
    String note = body.getString("note");
    database.withConnection(c -> {
      requireMayRun(c, person, point);
      if (!actions.startDrill(c, point, note, person)) {
        throw ApiException.conflict(point == null ? "a deployment-wide drill is already running"
            : "a drill is already running at " + point);
      }
      long id = DrillQueries.running(c, point).orElseThrow();
      return DrillQueries.find(c, person, id).orElseThrow();
    }).onSuccess(drill -> Responses.created(ctx, "/api/v1/drills/" + drill.getLong("id"), drill))
        .onFailure(ctx::fail);
  }

  private void stop(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("drillId");
    database.withConnection(c -> {
      JsonObject drill = visible(c, person, id);
      String point = drill.getString("point");
      requireMayRun(c, person, point);
      if (!drill.getBoolean("running") || !actions.stopDrill(c, point, person)) {
        throw ApiException.conflict("drill " + id + " is not running");
      }
      return DrillQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject visible(Connection c, long person, long id) throws SQLException {
    RoleQueries.requireAny(c, person, RoleQueries.DUTY_ROOM, "see drills");
    return DrillQueries.find(c, person, id)
        .orElseThrow(() -> ApiException.notFound("no drill " + id + " that you may see"));
  }

  /** A point's duty room runs its drills; only administrators run one for the whole deployment. */
  private static void requireMayRun(Connection c, long person, String point) throws SQLException {
    if (point == null) {
      if (!RoleQueries.of(c, person).contains("admin")) {
        throw ApiException.forbidden("only administrators run a drill for the whole deployment");
      }
      return;
    }
    if (AccessQueries.requirePointDutyRoom(c, person, point, "run a drill").equals("delisted")) {
      throw ApiException.conflict("hazard point " + point + " is delisted");
    }
  }
}
