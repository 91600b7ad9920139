package org.geohazard.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.geohazard.app.config.GatewayConfig;

/**
 * {@code GET /metrics} (Prometheus text): on a port of its own that serves nothing else, or on the public port only
 * behind a bearer token. A configured token is asked for wherever it is served, and compared in constant time.
 */
final class MetricsRoutes {
  private MetricsRoutes() {
  }

  /** The handler for the public port, or null when /metrics is not served there. */
  static Handler<RoutingContext> onPublicPort(PrometheusMeterRegistry registry, GatewayConfig.HttpConfig http) {
    return http.metricsOwnPort() || http.metricsToken().isEmpty() ? null : handler(registry, http.metricsToken());
  }

  /** The router of the metrics port: /metrics and nothing else. */
  static Router ownPort(Vertx vertx, PrometheusMeterRegistry registry, GatewayConfig.HttpConfig http) {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(handler(registry, http.metricsToken()));
    return router;
  }

  private static Handler<RoutingContext> handler(PrometheusMeterRegistry registry, String token) {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
    if (token.isEmpty()) {
      return scrape;
    }
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return ctx -> {
      String given = ctx.request().getHeader("Authorization");
      if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        scrape.handle(ctx);
      } else {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
      }
    };
  }
}
