package org.geohazard.api.events;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.RowScopes;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Disaster events (灾情) of a county: what happened, where and when, at which point of the register if any, the losses
 * and casualties, the people who avoided harm because they were warned or evacuated, then the expert investigation,
 * the handling and its funds; listed with the totals the year's report counts, 'zero casualties at planned points'
 * among them. Scopes in {@link EventQueries}; what a request must hold in {@link EventInput}.
 */
public final class EventHandlers {
  private static final String TABLE = "disaster_event";
  private final Database database;

  public EventHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createDisasterEvent").addHandler(this::create);
    builder.getRoute("listDisasterEvents").addHandler(this::list);
    builder.getRoute("getDisasterEvent").addHandler(this::get);
    builder.getRoute("updateDisasterEvent").addHandler(this::update);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    EventQueries.NewEvent event = EventInput.event(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      requireRecord(c, person, event.county());
      EventInput.checkPointAndAlert(c, event);
      long id = EventQueries.insert(c, event, person);
      return EventQueries.find(c, person, id).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/disaster-events/" + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int year = query.integer("year", 0);
    Instant from = year == 0 ? null : Times.yearStart(year);
    Instant to = year == 0 ? null : Times.yearStart(year + 1);
    EventQueries.Filter filter = new EventQueries.Filter(query.text("county"), from, to, query.text("kind"));
    database.withConnection(c -> EventQueries.list(c, person, filter))
        .onSuccess(listing -> ctx.json(EventJson.totals(listing.totals()).put("items", listing.items())))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("eventId");
    database.withConnection(c -> EventQueries.find(c, person, id).orElseThrow(() -> notFound(id)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("eventId");
    EventQueries.NewEvent event = EventInput.event(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      RowScopes.require(c, TABLE, "e", id, EventQueries.SEE, EventQueries.RECORD, person, noEvent(id),
          "correct this event");
      requireRecord(c, person, event.county());
      EventInput.checkPointAndAlert(c, event);
      EventQueries.update(c, id, event);
      return EventQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static void requireRecord(Connection c, long person, String county) throws SQLException {
    if (!RowScopes.holdsInCounty(c, "e", county, EventQueries.RECORD, person)) {
      throw ApiException.forbidden("your roles do not let you record disaster events in " + county);
    }
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound(noEvent(id));
  }

  private static String noEvent(long id) {
    return "no disaster event " + id + " that you may see";
  }
}
