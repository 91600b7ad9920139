package org.geohazard.api.admin;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/** Lets a request through only when the signed-in person holds the admin role; everyone else gets 403. */
public final class AdminGuard implements Handler<RoutingContext> {
  private final Database database;

  public AdminGuard(Database database) {
    this.database = database;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    database.withConnection(c -> AdminQueries.isAdmin(c, person))
        .onSuccess(admin -> {
          if (admin) {
            ctx.next();
          } else {
            ctx.fail(ApiException.forbidden("only administrators may use the administration endpoints"));
          }
        })
        .onFailure(ctx::fail);
  }
}
