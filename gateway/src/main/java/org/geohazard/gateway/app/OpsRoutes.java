package org.geohazard.gateway.app;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.ingest.db.Database;

/**
 * {@code GET /health} (200 when the database, the live events and, on a gateway that ingests, the broker are
 * reachable; 503 otherwise), {@code /metrics} when it is served on the public port ({@link MetricsRoutes}), and the
 * CAP documents of public alerts.
 */
final class OpsRoutes {
  private OpsRoutes() {
  }

  /** The intake's state for the health check, on a gateway that ingests. */
  record Intake(BooleanSupplier mqttConnected, IntSupplier queued) {
  }

  static Router create(Vertx vertx, Database database, Intake intake, BooleanSupplier listening,
      Handler<RoutingContext> metrics, CapWriter cap) {
    HealthChecks checks = HealthChecks.create(vertx)
        .register("database", 3_000, promise -> database.withConnection(c -> c.isValid(2))
            .onSuccess(valid -> promise.complete(valid ? Status.OK() : Status.KO()))
            .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", e.getMessage())))))
        .register("live-events", promise -> promise.complete(listening.getAsBoolean() ? Status.OK() : Status.KO()));
    if (intake != null) {
      checks.register("mqtt", promise -> promise.complete(intake.mqttConnected().getAsBoolean() ? Status.OK()
              : Status.KO()))
          .register("ingest", promise -> promise.complete(Status.OK(new JsonObject()
              .put("queued", intake.queued().getAsInt()))));
    }
    Router router = Router.router(vertx);
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(checks));
    if (metrics != null) {
      router.get("/metrics").handler(metrics);
    }
    CapRoutes.mount(router, database, cap);
    return router;
  }
}
