package org.geohazard.gateway.testing;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import org.geohazard.gateway.config.ConfigLoader;
import org.geohazard.gateway.config.GatewayConfig;

/** The gateway's configuration as it loads at start (defaults ← file ← environment), on one Vert.x shared by tests. */
public final class Configs {
  private static final Vertx VERTX = Vertx.vertx();

  private Configs() {
  }

  public static GatewayConfig load(Map<String, String> env) {
    return load(null, env);
  }

  /** Throws what the start would: a bad value fails with a message naming its setting. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    return ConfigLoader.load(VERTX, file, env).await();
  }
}
