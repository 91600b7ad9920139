package org.geohazard.api.monitors;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.List;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.Times;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/** Patrol records (巡查): a monitor records a patrol; the point's staff read them. */
final class PatrolHandlers {
  private final Database database;

  PatrolHandlers(Database database) {
    this.database = database;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("createPatrol").addHandler(this::create);
    builder.getRoute("listPatrols").addHandler(this::list);
    builder.getRoute("getPatrol").addHandler(this::get);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    Instant at = Times.parse(body.getString("patrolled_at"), "patrolled_at");
    PatrolQueries.NewPatrol patrol = new PatrolQueries.NewPatrol(body.getString("point"), person,
        at == null ? Instant.now() : Inputs.observed(at, "patrolled_at"), Inputs.text(body, "findings"),
        body.getBoolean("abnormal"), Inputs.location(body));
    database.inTransaction(c -> {
      AccessQueries.requireAtPoint(c, person, patrol.point(), Scope.MAY_PATROL, "record patrols");
      long id = PatrolQueries.insert(c, patrol);
      return PatrolQueries.find(c, person, id).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, Ledger.PATROL.path + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    Instant from = Times.parse(query.text("from"), "from");
    Instant to = Times.parse(query.text("to"), "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiException.invalid("invalid-range", "Invalid range", "'from' must be before 'to'");
    }
    PatrolQueries.Filter filter = new PatrolQueries.Filter(query.text("point"), from, to,
        Cursor.timeAndId(query.text("cursor")), limit);
    database.withConnection(c -> {
      AccessQueries.requireAtPoint(c, person, filter.point(), Scope.STAFF, "read the patrols");
      return PatrolQueries.list(c, filter);
    }).onSuccess(items -> ctx.json(new JsonObject().put("items", items)
            .put("next_cursor", items.size() < limit ? null : nextCursor(items))))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("patrolId");
    database.withConnection(c -> PatrolQueries.find(c, person, id))
        .onSuccess(patrol -> patrol.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.notFound("no patrol " + id + " that you may see"))))
        .onFailure(ctx::fail);
  }

  private static String nextCursor(List<JsonObject> items) {
    JsonObject last = items.get(items.size() - 1);
    return Cursor.ofTimeAndId(Instant.parse(last.getString("patrolled_at")), last.getLong("id"));
  }
}
