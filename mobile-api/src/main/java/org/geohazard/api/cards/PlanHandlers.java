package org.geohazard.api.cards;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * The one plan (一案): a hazard point's emergency plan (应急预案) in versions. The county's duty officers write a new
 * version with what changed and the day it was approved; every earlier version stays readable to the point's staff,
 * and its residents read the current one. Scopes in {@link CardAccess}.
 */
public final class PlanHandlers {
  private final Database database;

  public PlanHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createPlanVersion").addHandler(this::create);
    builder.getRoute("listPlanVersions").addHandler(this::list);
    builder.getRoute("getPlanVersion").addHandler(this::get);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    JsonObject body = ctx.body().asJsonObject();
    PlanQueries.NewVersion version = new PlanQueries.NewVersion(code, Inputs.text(body, "text"),
        Inputs.text(body, "changes"), Inputs.pastDate(body, "approved_on"));
    database.inTransaction(c -> {
      CardAccess.require(c, code, CardAccess.PLAN, person, "write the plan of point " + code);
      return PlanQueries.find(c, code, PlanQueries.insert(c, version, person)).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/points/" + code + "/plans/" + created.getInteger("version"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    database.withConnection(c -> new JsonObject().put("items", PlanQueries.list(c, code, !staff(c, code, person))))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    int number = (int) RequestParams.of(ctx).pathLong("version");
    database.withConnection(c -> {
      boolean staff = staff(c, code, person);
      return PlanQueries.find(c, code, number).filter(v -> staff || v.getBoolean("current"))
          .orElseThrow(() -> ApiException.notFound("no version " + number + " of the plan of point " + code
              + " that you may see"));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * True for the point's staff, who read every version; false for its residents, who read the current one; not
   * found for everybody else.
   */
  private static boolean staff(Connection c, String code, long person) throws SQLException {
    if (CardAccess.holds(c, code, CardAccess.SEE, person)) {
      return true;
    }
    if (CardAccess.holds(c, code, CardAccess.RESIDENT, person)) {
      return false;
    }
    throw CardAccess.notFound(code);
  }
}
