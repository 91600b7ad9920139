package org.geohazard.api.problem;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure becomes an RFC 9457 problem; unexpected ones are logged and answered without their details. */
public final class ProblemHandler implements Handler<RoutingContext> {
  public static final String TYPE_PREFIX = "urn:geohazard:problem:";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      // the router wraps a parameter that fails the contract; its message is the useful part
      failure = invalid;
    }
    if (failure instanceof ApiException api) {
      if (api.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", String.valueOf(api.retryAfterSeconds()));
      }
      send(ctx, api.status(), api.code(), api.title(), api.getMessage());
    } else if (failure instanceof ValidatorException invalid) {
      send(ctx, 400, "invalid-request", "The request does not match the API contract", ContractErrors.detail(invalid));
    } else if (ctx.statusCode() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      send(ctx, 401, "unauthorized", "Sign-in required", "a valid access token is required");
    } else if (ctx.statusCode() == 413) {
      send(ctx, 413, "payload-too-large", "Request body too large", "the request body exceeds the limit");
    } else if (ctx.statusCode() == 400) {
      send(ctx, 400, "invalid-request", "The request does not match the API contract", "the request could not be read");
    } else if (ctx.statusCode() > 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), "bad-request", "Bad request", "the request could not be used");
    } else if (busy(failure)) {
      LOG.warn("[{} {}] answered 503: {}", ctx.request().method(), ctx.request().path(), failure.toString());
      ctx.response().putHeader("Retry-After", "5");
      send(ctx, 503, "busy", "Service busy", "the request took too long or the service is busy; try again shortly");
    } else {
      LOG.error("[{} {}] request failed", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "internal", "Internal error", "the request could not be completed; it was logged");
    }
  }

  /**
   * A query cancelled by the API's statement timeout, no free connection in the API's pool, or too much password
   * work waiting: the service is busy, not broken.
   */
  private static boolean busy(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.util.concurrent.RejectedExecutionException
          || t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  public static void send(RoutingContext ctx, int status, String code, String title, String detail) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", TYPE_PREFIX + code).put("title", title).put("status", status)
            .put("detail", detail).encode());
  }
}
