package org.geohazard.app;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.storage.Database;

/**
 * {@code GET /health} (200 when the database answers on both pools, the live events' LISTEN connection works and,
 * on a gateway that ingests, the broker is connected and the writer stores what waits; 503 with the reason
 * otherwise), {@code /metrics} when it is served on the public port ({@link MetricsRoutes}), and the CAP documents
 * of public alerts.
 */
final class OpsRoutes {
  private static final long CHECK_MILLIS = 2_000;
  private OpsRoutes() {
  }

  /** The intake's state for the health check, on a gateway that ingests. */
  record Intake(BooleanSupplier mqttConnected, IntSupplier queued, Supplier<Optional<String>> writerTrouble) {
  }

  static Router create(Vertx vertx, Database database, Intake intake, BooleanSupplier listening,
      Handler<RoutingContext> metrics, CapWriter cap) {
    HealthChecks checks = HealthChecks.create(vertx)
        // the core pool on a worker of its own: a busy API pool must not make the gateway look down
        .register("database", CHECK_MILLIS + 1_000, promise -> answerWithin(vertx, promise,
            vertx.executeBlocking(() -> valid(database.dataSource()), false)))
        .register("database-api", CHECK_MILLIS + 1_000, promise -> answerWithin(vertx, promise,
            database.withConnection(c -> c.isValid(2))))
        .register("live-events", promise -> promise.complete(listening.getAsBoolean() ? Status.OK()
            : Status.KO(reason("the LISTEN connection is lost; opening it again"))));
    if (intake != null) {
      checks.register("mqtt", promise -> promise.complete(intake.mqttConnected().getAsBoolean() ? Status.OK()
              : Status.KO(reason("not connected to the broker"))))
          .register("ingest", promise -> {
            JsonObject data = new JsonObject().put("queued", intake.queued().getAsInt());
            promise.complete(intake.writerTrouble().get()
                .map(trouble -> Status.KO(data.put("reason", trouble)))
                .orElseGet(() -> Status.OK(data)));
          });
    }
    Router router = Router.router(vertx);
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(checks));
    if (metrics != null) {
      router.get("/metrics").handler(metrics);
    }
    CapRoutes.mount(router, database, cap);
    return router;
  }

  /** A database that does not answer within the check's time is down (503), not a failed check (500). */
  private static void answerWithin(Vertx vertx, Promise<Status> promise, Future<Boolean> valid) {
    long timer = vertx.setTimer(CHECK_MILLIS, id -> promise.tryComplete(Status.KO(reason("no answer within "
        + CHECK_MILLIS / 1000 + " s"))));
    valid.onComplete(result -> {
      vertx.cancelTimer(timer);
      promise.tryComplete(result.succeeded() && result.result() ? Status.OK()
          : Status.KO(reason(result.succeeded() ? "no valid connection" : result.cause().getMessage())));
    });
  }

  private static boolean valid(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    }
  }

  private static JsonObject reason(String reason) {
    return new JsonObject().put("reason", reason);
  }
}
