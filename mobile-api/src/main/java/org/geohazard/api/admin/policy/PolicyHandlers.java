package org.geohazard.api.admin.policy;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.RecipientPolicy;
import org.geohazard.alerts.Recipients;
import org.geohazard.api.admin.AdminQueries;
import org.geohazard.api.problem.ApiException;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;

/**
 * Who is told at each level of a point, and whether its sirens sound: the effective policy (the point's own, or the
 * defaults of {@link RecipientPolicy}), set per level, reset to the defaults.
 */
public final class PolicyHandlers {
  private final Database database;

  public PolicyHandlers(Database database) {
    this.database = database;
  }

  public void mount(RouterBuilder builder, Handler<RoutingContext> guard) {
    builder.getRoute("adminGetRecipientPolicy").addHandler(guard).addHandler(this::get);
    builder.getRoute("adminSetRecipientPolicy").addHandler(guard).addHandler(this::set);
    builder.getRoute("adminResetRecipientPolicy").addHandler(guard).addHandler(this::reset);
  }

  public void get(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    database.withConnection(c -> {
      AdminQueries.requirePoint(c, point);
      JsonArray levels = new JsonArray();
      for (WarningLevel level : List.of(WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.ORANGE,
          WarningLevel.RED)) {
        levels.add(effective(c, point, level));
      }
      return new JsonObject().put("point", point).put("levels", levels);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Replaces the point's policy for the level; the duty officers are always among the roles told. */
  public void set(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    WarningLevel level = WarningLevel.byKey(ctx.pathParam("level")).orElseThrow();
    JsonObject body = ctx.body().asJsonObject();
    List<String> roles = new ArrayList<>();
    body.getJsonArray("roles").forEach(role -> roles.add((String) role));
    if (!roles.contains("duty_officer")) {
      ctx.fail(ApiException.invalid("invalid-policy", "Invalid recipient policy",
          "the duty officers must be told at every level: add duty_officer to the roles"));
      return;
    }
    RecipientPolicy policy = new RecipientPolicy(List.copyOf(roles), body.getBoolean("sirens"));
    database.inTransaction(c -> {
      AdminQueries.requirePoint(c, point);
      PolicyRepository.set(c, point, level, policy);
      return effective(c, point, level);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Removes the point's own policy for the level: the defaults apply again. */
  public void reset(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    WarningLevel level = WarningLevel.byKey(ctx.pathParam("level")).orElseThrow();
    database.inTransaction(c -> {
      AdminQueries.requirePoint(c, point);
      PolicyRepository.reset(c, point, level);
      return effective(c, point, level);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject effective(Connection c, String point, WarningLevel level) throws SQLException {
    RecipientPolicy policy = Recipients.policy(c, point, level);
    return new JsonObject().put("level", level.key()).put("roles", new JsonArray(policy.roles()))
        .put("sirens", policy.sirens()).put("custom", PolicyRepository.custom(c, point, level));
  }
}
