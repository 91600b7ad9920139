package org.geohazard.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.WarningEngine;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.api.ApiConnections;
import org.geohazard.api.ApiRouter;
import org.geohazard.app.config.GatewayConfig;
import org.geohazard.gateway.mqtt.LiveLane;
import org.geohazard.gateway.mqtt.MqttIntake;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.geohazard.storage.LiveEvents;
import org.geohazard.telemetry.batch.SampleReceipts;
import org.geohazard.telemetry.pipeline.IngestMetrics;
import org.geohazard.telemetry.pipeline.IngestPipeline;
import org.geohazard.telemetry.pipeline.LiveWriter;
import org.geohazard.telemetry.pipeline.StoredBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one gateway: servers and schema, the live events, the warning engine, the MQTT intake and its writer, the
 * apps' API, /health and CAP, /metrics (on a port of its own by default), the simulator. An API node (node.role=api)
 * runs the database side and HTTP only.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final Duration SUMMARY_PERIOD = Duration.ofSeconds(30);
  private static final Duration LIVE_LANE_PERIOD = Duration.ofSeconds(1);
  private static final Duration RECEIPT_PRUNE_PERIOD = Duration.ofHours(1);

  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private final Consumer<StoredBatch> afterCommit;
  private final Workers workers;
  /** The ingest side's periodic rounds, stopped after the writer. */
  private final List<Worker> rounds = new ArrayList<>();
  private Worker liveLaneSteering;
  private Infrastructure infrastructure;
  private MqttIntake intake;
  private IngestPipeline pipeline;
  private LiveLane liveLane;
  private LiveWriter liveWriter;
  private WarningEngine warnings;
  private AutoCloseable simulator;
  private LiveEvents live;
  private HttpServer http;
  private HttpServer metrics;

  public GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry) {
    this(config, registry, batch -> { });
  }

  /** With a listener called on the writer thread after each batch is committed and acknowledged. */
  public GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry, Consumer<StoredBatch> afterCommit) {
    this.config = config;
    this.registry = registry;
    this.afterCommit = afterCommit;
    this.workers = new Workers(worker -> WorkerMetrics.bind(registry, worker));
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> Infrastructure.start(vertx, config))
        .compose(started -> {
          infrastructure = started;
          live = LiveEvents.start(workers, vertx, started.database());
          return config.ingests() ? startIngest() : Future.succeededFuture();
        })
        .compose(ingesting -> vertx.executeBlocking(() -> config.api().toApiConfig()))
        .compose(apiConfig -> ApiRouter.create(vertx, infrastructure.database(),
            new AlertActions(config.alerts().delivery()), new CapWriter(config.capSender()), apiConfig)
        .compose(api -> ApiConnections.createServer(vertx, apiConfig)
            .requestHandler(HttpRoutes.create(api, OpsRoutes.create(vertx, infrastructure.database(),
                intake == null ? null : new OpsRoutes.Intake(intake::isConnected, pipeline::queued,
                    () -> pipeline.trouble(config.ingest().stuckAfter())), live::listening,
                MetricsRoutes.onPublicPort(registry, config.http()), new CapWriter(config.capSender()))))
            .listen(config.http().port(), config.http().host())))
        .compose(server -> {
          http = server;
          return startMetrics();
        })
        .compose(metricsStarted -> {
          LOG.info("{} ready: /api/v1 (contract at /openapi.yaml) and /health on http://{}:{}",
              config.ingests() ? "Gateway" : "API node", config.http().host(), http.actualPort());
          return config.ingests() ? startSimulator() : Future.succeededFuture();
        });
  }

  /** /metrics on a port of its own, when configured so. */
  private Future<Void> startMetrics() {
    GatewayConfig.HttpConfig settings = config.http();
    if (!settings.metricsOwnPort()) {
      LOG.info(settings.metricsToken().isEmpty() ? "/metrics is served nowhere (http.metrics-port -1, no token)"
          : "/metrics is on the public port, behind its token");
      return Future.succeededFuture();
    }
    return vertx.createHttpServer().requestHandler(MetricsRoutes.ownPort(vertx, registry, settings))
        .listen(settings.metricsPort(), settings.metricsHost())
        .map(server -> {
          metrics = server;
          LOG.info("/metrics on http://{}:{}{}", settings.metricsHost(), server.actualPort(),
              settings.metricsToken().isEmpty() ? "" : ", behind its token");
          return null;
        });
  }

  /** The warning engine, the chart rollups (plain PostgreSQL), the writer and the MQTT intake that feeds it. */
  private Future<Void> startIngest() {
    intake = new MqttIntake(infrastructure.mqtt(), config.ingest().maxPayloadBytes());
    return vertx.executeBlocking(() -> WarningEngine.start(workers, infrastructure.database().dataSource(),
            intake::publishCommand,
            config.alerts(), config.push(), config.sms()))
        .compose(engine -> {
          warnings = engine;
          // outbox rows written by any node announce themselves with their alert or report event
          vertx.eventBus().<JsonObject>localConsumer(LiveEvents.ADDRESS, event -> {
            if (!"device".equals(event.body().getString("type"))) {
              warnings.wake();
            }
          });
          startPipeline();
          RollupRounds.start(workers, infrastructure.database(), pipeline::backlogged).ifPresent(rounds::add);
          return intake.start(vertx, pipeline::submit);
        })
        .mapEmpty();
  }

  /** The writer: after each commit, metrics, then evaluation of the points that got readings. */
  private void startPipeline() {
    int window = Math.max(infrastructure.mqtt().receiveMaximum(), config.ingest().batchMaxMessages());
    IngestMetrics metrics = new IngestMetrics(registry, () -> pipeline.queued());
    pipeline = new IngestPipeline(workers, config.ingest(), window * 2, infrastructure.database().dataSource(),
        intake.topics(), intake, batch -> {
          metrics.record(batch);
          warnings.evaluate(batch.points());
          afterCommit.accept(batch);
        });
    pipeline.start();
    if (infrastructure.mqtt().liveLane()) {
      startLiveLane();
    }
    vertx.setPeriodic(SUMMARY_PERIOD.toMillis(), id -> metrics.logSummary(SUMMARY_PERIOD));
    // receive times of samples without a time are needed only while the broker may still redeliver them
    rounds.add(workers.every("receipt-pruning", RECEIPT_PRUNE_PERIOD,
        () -> SampleReceipts.prune(infrastructure.database().dataSource()) > 0).start());
  }

  /** Fresh telemetry on a second connection while the session hands over a backlog; steered once a second. */
  private void startLiveLane() {
    liveWriter = new LiveWriter(workers, config.ingest(), infrastructure.database().dataSource(), intake.topics(),
        points -> warnings.evaluate(points));
    liveWriter.start();
    liveLane = new LiveLane(infrastructure.mqtt(), intake, liveWriter::offer);
    IngestMetrics.liveLane(registry, liveLane::isOpen, liveWriter);
    // a worker of its own: steering (closing waits for the broker) never holds up other work
    liveLaneSteering = workers.every("live-lane-steering", LIVE_LANE_PERIOD, () -> {
      liveLane.follow(pipeline.behind());
      return true;
    }).start();
  }

  private Future<Void> startSimulator() {
    if (!config.simulator().enabled()) {
      return Future.succeededFuture();
    }
    return infrastructure.demoStack()
        .startSimulator(vertx, infrastructure.mqtt().url(), intake.topics(), config.simulator(), infrastructure.demo())
        .map(started -> {
          simulator = started;
          return null;
        });
  }

  /** The port of /metrics when it has one of its own (useful when configured as 0), else -1. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.actualPort();
  }

  /** The port /health listens on (useful when configured as 0). */
  public int httpPort() {
    return http.actualPort();
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      if (simulator != null) {
        simulator.close();
      }
      if (liveLaneSteering != null) {
        liveLaneSteering.close();
      }
      if (liveLane != null) {
        liveLane.close();
      }
      if (intake != null) {
        intake.close();
      }
      if (liveWriter != null) {
        liveWriter.close();
      }
      if (pipeline != null) {
        pipeline.close();
      }
      Worker.closeAll(rounds);
      if (warnings != null) {
        warnings.close();
      }
      if (live != null) {
        live.close();
      }
      if (infrastructure != null) {
        infrastructure.close();
      }
      return null;
    });
  }
}
