package org.geohazard.api.duty;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.Set;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.storage.Database;

/** Who is on duty now (or at another moment) in the caller's counties, with phone numbers to call. */
final class ShiftHandlers {
  private static final Set<String> MAY_CALL = Set.of("duty_officer", "leader", "admin", "monitor",
      "responsible_person");

  private final Database database;

  ShiftHandlers(Database database) {
    this.database = database;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("onDuty").addHandler(this::onDuty);
  }

  private void onDuty(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    Instant given = Times.parseWithin(query.text("at"), "at");
    Instant at = given == null ? Instant.now() : given;
    String county = query.text("county");
    database.withConnection(c -> {
      RoleQueries.requireAny(c, person, MAY_CALL, "see the duty roster");
      return new JsonObject().put("at", at.toString()).put("counties", ShiftQueries.onDuty(c, person, county, at));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
