package org.geohazard.gateway.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.geohazard.alerts.engine.AlertsConfig;
import org.geohazard.gateway.embedded.EmbeddedConfig;
import org.geohazard.gateway.mqtt.MqttConfig;
import org.geohazard.gateway.pipeline.IngestConfig;
import org.geohazard.gateway.simulator.SimulatorConfig;

/** The whole configuration of one gateway process, read once at start. */
public record GatewayConfig(
    HttpConfig http,
    DatabaseSettings database,
    MqttConfig mqtt,
    IngestConfig ingest,
    AlertsConfig alerts,
    String registryFile,
    SimulatorConfig simulator,
    EmbeddedConfig embedded) {

  public record HttpConfig(String host, int port) {
  }

  public static GatewayConfig from(JsonObject json) {
    Section root = new Section(json, "");
    Section http = root.section("http");
    Section database = root.section("database");
    Section mqtt = root.section("mqtt");
    return new GatewayConfig(
        new HttpConfig(http.text("host"), http.integer("port", 0, 65535)),
        DatabaseSettings.from(database),
        MqttConfig.from(mqtt),
        IngestConfig.from(root.section("ingest")),
        new AlertsConfig(Duration.ofSeconds(root.section("alerts").number("late-after-s", 60, 7 * 86_400))),
        root.section("registry").text("file"),
        SimulatorConfig.from(root.section("simulator")),
        EmbeddedConfig.from(database.section("embedded"), mqtt.section("embedded")));
  }
}
