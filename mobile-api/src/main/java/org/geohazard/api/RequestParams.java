package org.geohazard.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** The parameters of a request as the contract validated and typed them. */
public final class RequestParams {
  private final ValidatedRequest request;

  private RequestParams(ValidatedRequest request) {
    this.request = request;
  }

  public static RequestParams of(RoutingContext ctx) {
    return new RequestParams(ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST));
  }

  public String text(String name) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? null : value.getString();
  }

  public int integer(String name, int fallback) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? fallback : value.getInteger();
  }

  public Boolean bool(String name) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? null : value.getBoolean();
  }

  public String pathText(String name) {
    return request.getPathParameters().get(name).getString();
  }

  public long pathLong(String name) {
    return request.getPathParameters().get(name).getLong();
  }
}
