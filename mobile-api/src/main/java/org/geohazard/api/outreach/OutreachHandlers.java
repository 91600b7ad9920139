package org.geohazard.api.outreach;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.RowScopes;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Training and outreach (培训, 宣传): the sessions a county holds, their attendance and the villages they reached,
 * with the totals the year's report counts. Scopes in {@link OutreachQueries}.
 */
public final class OutreachHandlers {
  private final Database database;

  public OutreachHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createOutreachSession").addHandler(this::create);
    builder.getRoute("listOutreachSessions").addHandler(this::list);
    builder.getRoute("getOutreachSession").addHandler(this::get);
    builder.getRoute("updateOutreachSession").addHandler(this::update);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    OutreachQueries.NewSession session = session(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      requireRecord(c, person, session.county());
      long id = OutreachQueries.insert(c, session, person);
      return OutreachQueries.find(c, person, id).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/outreach/" + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int year = query.integer("year", 0);
    OutreachQueries.Filter filter = new OutreachQueries.Filter(query.text("county"), year == 0 ? null : year,
        query.text("kind"));
    database.withConnection(c -> OutreachQueries.list(c, person, filter))
        .onSuccess(listing -> ctx.json(new JsonObject().put("items", listing.items())
            .put("sessions", listing.sessions()).put("attendance", listing.attendance())
            .put("villages", listing.villages())))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("sessionId");
    database.withConnection(c -> OutreachQueries.find(c, person, id).orElseThrow(() -> notFound(id)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("sessionId");
    OutreachQueries.NewSession session = session(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      RowScopes.require(c, "outreach_session", "o", id, OutreachQueries.SEE, OutreachQueries.RECORD, person,
          noSession(id), "correct this session");
      requireRecord(c, person, session.county());
      OutreachQueries.update(c, id, session);
      return OutreachQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static OutreachQueries.NewSession session(JsonObject body) {
    LocalDate heldOn = Inputs.pastDate(body, "held_on");
    List<String> villages = new ArrayList<>();
    JsonArray reached = body.getJsonArray("villages", new JsonArray());
    for (int i = 0; i < reached.size(); i++) {
      villages.add(reached.getString(i).strip());
    }
    return new OutreachQueries.NewSession(Inputs.text(body, "county").strip(), body.getString("kind"),
        Inputs.text(body, "title"), Inputs.text(body, "place"), heldOn, body.getInteger("attendance"),
        List.copyOf(villages), Inputs.text(body, "notes"));
  }

  private static void requireRecord(Connection c, long person, String county) throws SQLException {
    if (!RowScopes.holdsInCounty(c, "o", county, OutreachQueries.RECORD, person)) {
      throw ApiException.forbidden("your roles do not let you record sessions in " + county);
    }
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound(noSession(id));
  }

  private static String noSession(long id) {
    return "no session " + id + " that you may see";
  }
}
