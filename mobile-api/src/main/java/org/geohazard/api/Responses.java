package org.geohazard.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers every operation gives the same way. */
public final class Responses {
  private Responses() {
  }

  /** 201 with what was created as JSON, and its address in {@code Location} when it has one of its own. */
  public static void created(RoutingContext ctx, String location, JsonObject created) {
    if (location != null) {
      ctx.response().putHeader("Location", location);
    }
    ctx.response().setStatusCode(201);
    ctx.json(created);
  }
}
