package org.geohazard.api.admin.rules;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.geohazard.alerts.WarningRules;
import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.admin.AdminQueries;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * A point's warning rules: list, get, create or replace by name (validated as the registry file's rules are), enable
 * or disable, delete. Changes hold the point's evaluation lock, so they never interleave with an evaluation; the
 * gateway applies them at the point's next evaluation, on its next readings.
 */
public final class RuleHandlers {
  private final Database database;

  private record Saved(boolean created, JsonObject rule) {
  }

  public RuleHandlers(Database database) {
    this.database = database;
  }

  public void mount(RouterBuilder builder, Handler<RoutingContext> guard) {
    builder.getRoute("adminListRules").addHandler(guard).addHandler(this::list);
    builder.getRoute("adminGetRule").addHandler(guard).addHandler(this::get);
    builder.getRoute("adminPutRule").addHandler(guard).addHandler(this::put);
    builder.getRoute("adminSetRuleEnabled").addHandler(guard).addHandler(this::setEnabled);
    builder.getRoute("adminDeleteRule").addHandler(guard).addHandler(this::delete);
  }

  public void list(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    Long after = Cursor.id(query.text("cursor"));
    database.withConnection(c -> {
      AdminQueries.requirePoint(c, point);
      return WarningRuleRepository.list(c, point, after, limit);
    }).onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor", items.size() < limit
            ? null : Cursor.ofId(items.get(items.size() - 1).getLong("id")))))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    String name = ctx.pathParam("name");
    database.withConnection(c -> {
      AdminQueries.requirePoint(c, point);
      return found(c, point, name);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Creates the rule, or replaces its definition: the rule keeps its state and applies the new definition. */
  public void put(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    String name = ctx.pathParam("name");
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      AdminQueries.requirePoint(c, point);
      OwnedByFile.refusePoint(c, point, "the rules of point " + point);
      if (body.containsKey("name") && !name.equals(body.getString("name"))) {
        throw invalid("the rule's name in the body is '" + body.getString("name") + "' but the path names '"
            + name + "'; leave it out or make them equal");
      }
      JsonObject definition = body.copy().put("name", name);
      WarningRules.lockPoint(c, point);
      boolean created = validate(c, point, name, definition);
      WarningRuleRepository.upsert(c, point, name, definition);
      return new Saved(created, found(c, point, name));
    }).onSuccess(saved -> {
      ctx.response().setStatusCode(saved.created() ? 201 : 200);
      ctx.json(saved.rule());
    }).onFailure(ctx::fail);
  }

  public void setEnabled(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    String name = ctx.pathParam("name");
    boolean enabled = ctx.body().asJsonObject().getBoolean("enabled");
    database.inTransaction(c -> {
      AdminQueries.requirePoint(c, point);
      OwnedByFile.refusePoint(c, point, "the rules of point " + point);
      WarningRules.lockPoint(c, point);
      JsonObject rule = found(c, point, name);
      if (enabled && !rule.getBoolean("enabled")) {
        try {
          WarningRules.checkChannels(c, point, List.of(WarningRules.parse(point, rule.getJsonObject("definition"))));
        } catch (RuleException e) {
          throw ApiException.conflict(e.getMessage() + "; replace the rule's definition before enabling it");
        }
      }
      WarningRuleRepository.setEnabled(c, point, name, enabled);
      return found(c, point, name);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Deletes the rule and its state; refused while a combination of the point names it. */
  public void delete(RoutingContext ctx) {
    String point = ctx.pathParam("code");
    String name = ctx.pathParam("name");
    database.inTransaction(c -> {
      AdminQueries.requirePoint(c, point);
      OwnedByFile.refusePoint(c, point, "the rules of point " + point);
      WarningRules.lockPoint(c, point);
      for (WarningRuleRepository.StoredRule rule : WarningRuleRepository.stored(c, point)) {
        boolean combinesIt = WarningRuleRepository.parsed(point, rule)
            .map(d -> d.isCombination() && d.combination().members().contains(name)).orElse(false);
        if (combinesIt && !rule.name().equals(name)) {
          throw ApiException.conflict("rule " + rule.name() + " of point " + point + " combines '" + name
              + "'; change or delete that rule first");
        }
      }
      if (!WarningRuleRepository.delete(c, point, name)) {
        throw notFound(point, name);
      }
      return null;
    }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /**
   * Validates the definition with the point's other rules, as the registry import would: the parser's checks, the
   * combination's members, and the channels it reads. True when the rule is new.
   */
  private static boolean validate(Connection c, String point, String name, JsonObject definition)
      throws SQLException {
    JsonArray all = new JsonArray();
    boolean created = true;
    for (WarningRuleRepository.StoredRule rule : WarningRuleRepository.stored(c, point)) {
      if (rule.name().equals(name)) {
        created = false;
        all.add(definition);
      } else {
        all.add(rule.definition());
      }
    }
    if (created) {
      all.add(definition);
    }
    try {
      RuleDefinition parsed = WarningRules.parse(point, definition);
      WarningRules.parseAll(point, all);
      WarningRules.checkChannels(c, point, List.of(parsed));
    } catch (RuleException e) {
      throw invalid(e.getMessage());
    }
    return created;
  }

  private static JsonObject found(Connection c, String point, String name) throws SQLException {
    return WarningRuleRepository.find(c, point, name).orElseThrow(() -> notFound(point, name));
  }

  private static ApiException notFound(String point, String name) {
    return ApiException.notFound("point " + point + " has no rule '" + name + "'");
  }

  private static ApiException invalid(String detail) {
    return ApiException.invalid("invalid-rule", "Invalid warning rule", detail);
  }
}
