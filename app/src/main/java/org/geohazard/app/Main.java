package org.geohazard.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.geohazard.app.config.ConfigException;
import org.geohazard.app.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a gateway. {@code --config FILE} (or {@code GEOHAZARD_CONFIG}) names a YAML file; environment variables
 * override it; with neither, everything runs embedded with the demo simulator.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    Path configFile = configFile(args);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the gateway");
      vertx.close().onComplete(done -> stopped.countDown());
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shutdown"));
    ConfigLoader.load(vertx, configFile, System.getenv())
        .compose(config -> vertx.deployVerticle(new GatewayVerticle(config, registry)))
        .onFailure(e -> {
          if (e instanceof ConfigException) {
            LOG.error("The gateway could not start: {}", e.getMessage()); // the message says it all
          } else {
            LOG.error("The gateway could not start: {}", e.getMessage(), e);
          }
          // Not on this event loop: the shutdown hook closes Vert.x and waits for it, which needs the loop free.
          new Thread(() -> System.exit(1), "exit").start();
        });
  }

  private static Path configFile(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--config")) {
        return Path.of(args[i + 1]);
      }
    }
    String env = System.getenv("GEOHAZARD_CONFIG");
    return env == null || env.isBlank() ? null : Path.of(env);
  }
}
