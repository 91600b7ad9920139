package org.geohazard.api.points;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.time.Instant;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;
import org.geohazard.telemetry.query.ReadingQueries;

/** Hazard points, their devices' health and latest readings, and a channel's curve over a range. */
public final class PointHandlers {
  private final Database database;
  private final ReadingQueries readings;

  public PointHandlers(Database database) {
    this.database = database;
    this.readings = new ReadingQueries(database);
  }


  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("listPoints").addHandler(this::list);
    builder.getRoute("getPoint").addHandler(this::get);
    builder.getRoute("sensorReadings").addHandler(this::readings);
  }

  public void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 200);
    String cursor = Cursor.decode(query.text("cursor"));
    database.withConnection(c -> PointQueries.list(c, person, cursor == null ? "" : cursor, limit))
        .onSuccess(points -> ctx.json(new JsonObject().put("items", points).put("next_cursor",
            points.size() < limit ? null : Cursor.encode(points.get(points.size() - 1).getString("code")))))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    database.withConnection(c -> PointQueries.find(c, person, code))
        .onSuccess(point -> point.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.notFound("no hazard point " + code + " that you may see"))))
        .onFailure(ctx::fail);
  }

  public void readings(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    int sensor = (int) params.pathLong("sensorId");
    Instant from = Times.parse(params.text("from"), "from");
    Instant to = Times.parse(params.text("to"), "to");
    if (!from.isBefore(to)) {
      ctx.fail(new ApiException(400, "invalid-range", "Invalid range", "'from' must be before 'to'"));
      return;
    }
    int bucket = params.integer("bucket", 0);
    database.withConnection(c -> PointQueries.sensorVisible(c, person, sensor))
        .compose(visible -> {
          if (!visible) {
            throw ApiException.notFound("no channel " + sensor + " that you may see");
          }
          return bucket > 0
              ? readings.bucketed(sensor, from, to, Duration.ofMinutes(bucket)).map(list -> {
                JsonArray items = new JsonArray();
                list.forEach(b -> items.add(new JsonObject().put("bucket", b.bucket().toString()).put("min", b.min())
                    .put("max", b.max()).put("avg", b.avg()).put("last", b.last()).put("samples", b.samples())));
                return items;
              })
              : readings.raw(sensor, from, to, ReadingQueries.MAX_ROWS).map(list -> {
                JsonArray items = new JsonArray();
                list.forEach(r -> items.add(new JsonObject().put("ts", r.ts().toString()).put("value", r.value())
                    .put("out_of_range", (r.flags() & 1) == 1)));
                return items;
              });
        })
        .onSuccess(items -> ctx.json(new JsonObject().put("sensor", sensor).put("items", items)))
        .onFailure(ctx::fail);
  }

}
