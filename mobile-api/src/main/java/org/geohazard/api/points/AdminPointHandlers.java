package org.geohazard.api.points;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import org.geohazard.api.Responses;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.people.RoleQueries;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.PointRows;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/** Administrators register and change hazard points; every change recomputes the residents of the point's zone. */
public final class AdminPointHandlers {
  private final Database database;

  public AdminPointHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createPoint").addHandler(this::create);
    builder.getRoute("updatePoint").addHandler(this::update);
  }

  public void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      RoleQueries.requireAdmin(c, person);
      RegistrySpec.Point point = PointInput.from(body.getString("code"), body);
      if (!PointRows.insert(c, point)) {
        throw ApiException.conflict("a hazard point with code " + point.code() + " exists already");
      }
      return stored(c, person, point.code());
    }).onSuccess(point -> Responses.created(ctx, null, point)).onFailure(ctx::fail);
  }

  public void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      if (!RoleQueries.holdsAny(c, person, "admin")) {
        if (PointQueries.find(c, person, code).isPresent()) {
          throw ApiException.forbidden("only administrators may change hazard points");
        }
        throw ApiException.notFound("no hazard point " + code + " that you may see");
      }
      if (body.getString("code") != null && !body.getString("code").equals(code)) {
        throw ApiException.invalid("code-mismatch", "Code does not match",
            "the body's code " + body.getString("code") + " is not the code of the path; codes cannot change");
      }
      OwnedByFile.refusePoint(c, code, "hazard point " + code);
      if (!PointRows.update(c, PointInput.from(code, body))) {
        throw ApiException.notFound("no hazard point " + code);
      }
      return stored(c, person, code);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject stored(Connection c, long person, String code) throws SQLException {
    Households.recomputePoint(c, code);
    return PointQueries.find(c, person, code).orElseThrow();
  }
}
