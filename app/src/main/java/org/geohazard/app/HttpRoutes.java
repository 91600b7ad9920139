package org.geohazard.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/** One HTTP port: the apps' API (and its contract) and the operational routes (/health, /metrics, CAP). */
final class HttpRoutes {
  private HttpRoutes() {
  }

  static Handler<HttpServerRequest> create(Router api, Router ops) {
    return request -> {
      String path = request.path();
      if (path.startsWith("/api/") || path.equals("/openapi.yaml")) {
        api.handle(request);
      } else {
        ops.handle(request);
      }
    };
  }
}
