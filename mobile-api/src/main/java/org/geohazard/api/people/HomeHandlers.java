package org.geohazard.api.people;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.api.auth.Tokens;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/**
 * A person's own household location, and the warnings of the points they are a resident of. A home the person sets
 * makes them a resident only where they are staff; elsewhere it is a claim the point's staff confirm or reject, and
 * the app shows it as pending until then.
 */
public final class HomeHandlers {
  private final Database database;

  public HomeHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("getMyHome").addHandler(this::home);
    builder.getRoute("setMyHome").addHandler(this::setHome);
    builder.getRoute("clearMyHome").addHandler(this::clearHome);
    builder.getRoute("myWarnings").addHandler(this::warnings);
  }

  public void home(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.withConnection(c -> HomeQueries.home(c, person)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void setHome(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      Households.setHome(c, person, body.getDouble("lat"), body.getDouble("lon"), new Households.Zones());
      return HomeQueries.home(c, person);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void clearHome(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.inTransaction(c -> {
      Households.setHome(c, person, null, null, new Households.Zones());
      return HomeQueries.home(c, person);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void warnings(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.withConnection(c -> HomeQueries.warnings(c, person))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }
}
