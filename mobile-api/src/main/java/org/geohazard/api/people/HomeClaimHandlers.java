package org.geohazard.api.people;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.RequestParams;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/**
 * The staff's side of homes people set themselves: the pending claims at the points they are staff of (administrators
 * all; duty officers and leaders their county's; monitors and responsible persons their point's), and the decision.
 * A confirmed claim makes the person a resident of the point while their home stays where it was; a rejected one
 * grants nothing and is not asked again for the same home.
 */
public final class HomeClaimHandlers {
  static final int MAX_PAGE = 200;

  private final Database database;

  public HomeClaimHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("listHomeClaims").addHandler(this::list);
    builder.getRoute("confirmHomeClaim").addHandler(ctx -> decide(ctx, "confirmed"));
    builder.getRoute("rejectHomeClaim").addHandler(ctx -> decide(ctx, "rejected"));
  }

  private void list(RoutingContext ctx) {
    long staff = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    String point = params.text("point");
    int limit = Math.min(params.integer("limit", 100), MAX_PAGE);
    database.withConnection(c -> {
      requireStaff(c, staff);
      return HomeClaimRepository.pending(c, staff, point, limit);
    }).onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx, String state) {
    long staff = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    String point = ctx.pathParam("code");
    long person = params.pathLong("personId");
    database.inTransaction(c -> {
      requireStaff(c, staff);
      JsonObject claim = HomeClaimRepository.decide(c, staff, point, person, state)
          .orElseThrow(() -> ApiException.notFound("no home claim of person " + person + " at hazard point " + point
              + " that you may decide"));
      Households.recomputePerson(c, person, new Households.Zones());
      return claim;
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static void requireStaff(Connection c, long person) throws SQLException {
    if (!HomeClaimRepository.staffAnywhere(c, person)) {
      throw ApiException.forbidden("home claims are decided by the staff of hazard points");
    }
  }
}
