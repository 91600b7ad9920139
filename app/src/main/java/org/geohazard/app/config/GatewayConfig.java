package org.geohazard.app.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.geohazard.alerts.config.AlertsConfig;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.EscalationPolicy;
import org.geohazard.alerts.config.HealthConfig;
import org.geohazard.alerts.config.HelpRequestPolicy;
import org.geohazard.alerts.config.PushConfig;
import org.geohazard.alerts.config.SmsConfig;
import org.geohazard.domain.WarningLevel;
import org.geohazard.gateway.mqtt.MqttConfig;
import org.geohazard.telemetry.pipeline.IngestConfig;

/** The whole configuration of one gateway process, read once at start. */
public record GatewayConfig(
    NodeRole role,
    HttpConfig http,
    DatabaseSettings database,
    MqttConfig mqtt,
    IngestConfig ingest,
    AlertsConfig alerts,
    PushConfig push,
    SmsConfig sms,
    ApiSettings api,
    String capSender,
    String registryFile,
    RegistryMode registryMode,
    SimulatorConfig simulator,
    EmbeddedConfig embedded) {

  /**
   * The public port (API, /health, CAP) and /metrics: on a port of its own on {@code metricsHost} when
   * {@code metricsPort} is 0 or more (0: any free port), else (-1) on the public port, and there only with a token.
   * A non-empty {@code metricsToken} is asked for as {@code Authorization: Bearer} wherever /metrics is.
   */
  public record HttpConfig(String host, int port, String metricsHost, int metricsPort, String metricsToken) {
    private static final int MIN_TOKEN = 16;

    static HttpConfig from(Section s) {
      int port = s.integer("port", 0, 65535);
      int metricsPort = s.integer("metrics-port", -1, 65535);
      if (metricsPort > 0 && metricsPort == port) {
        throw new ConfigException(s.path("metrics-port") + " must differ from " + s.path("port") + " (" + port
            + "); -1 serves /metrics on the public port, behind " + s.path("metrics-token"));
      }
      String token = s.text("metrics-token");
      if (!token.isEmpty() && (token.length() < MIN_TOKEN || !token.matches("[\\x21-\\x7e]+"))) {
        throw new ConfigException(s.path("metrics-token") + " must be at least " + MIN_TOKEN
            + " printable characters without spaces, or empty for none");
      }
      return new HttpConfig(s.text("host"), port, s.text("metrics-host"), metricsPort, token);
    }

    /** Whether /metrics has a port of its own. */
    public boolean metricsOwnPort() {
      return metricsPort >= 0;
    }
  }

  /** What one process does: everything, or only serve the API beside the gateways. */
  public enum NodeRole {
    ALL, API;

    static NodeRole from(Section s) {
      return switch (s.text("role")) {
        case "all" -> ALL;
        case "api" -> API;
        default -> throw new ConfigException(s.path("role") + " must be all or api; got '" + s.text("role") + "'");
      };
    }
  }

  /** Whether this process takes readings from the broker, evaluates them and delivers warnings. */
  public boolean ingests() {
    return role == NodeRole.ALL;
  }

  private static SmsConfig sms(Section s) {
    String url = s.text("url");
    if (!url.isEmpty() && !url.matches("https?://.+")) {
      throw new ConfigException(s.path("url") + " must be an http(s) URL; got '" + url + "'");
    }
    String auth = s.text("auth-header");
    if (!auth.isEmpty() && !auth.matches("[A-Za-z0-9-]+:.+")) {
      throw new ConfigException(s.path("auth-header") + " must read like 'Name: value'");
    }
    return new SmsConfig(url, auth, s.text("content-type"), s.text("body-template"),
        Duration.ofSeconds(s.number("timeout-s", 1, 120)));
  }

  private static AlertsConfig alerts(Section s, boolean smsEnabled) {
    return new AlertsConfig(Duration.ofSeconds(s.number("late-after-s", 60, 7 * 86_400)), new DeliveryConfig(
        s.integer("fast-sampling-s", 1, 86_400), Duration.ofSeconds(s.number("siren-duration-s", 1, 86_400)),
        Duration.ofSeconds(s.number("command-lifetime-s", 10, 7 * 86_400)),
        Duration.ofSeconds(s.number("command-resend-s", 1, 3_600)), smsEnabled),
        new EscalationPolicy(perLevel(s.section("reminder-s")), perLevel(s.section("escalate-after-s"))),
        new HealthConfig(s.integer("offline-after-intervals", 1, 1000), s.decimal("low-battery-v", 0, 100),
            Duration.ofSeconds(s.number("stuck-after-s", 600, 30 * 86_400)),
            Duration.ofSeconds(s.number("out-of-range-within-s", 60, 30 * 86_400))),
        new HelpRequestPolicy(Duration.ofSeconds(s.number("help-reminder-s", 30, 3_600)),
            Duration.ofSeconds(s.number("help-escalate-after-s", 60, 86_400))));
  }

  private static Map<WarningLevel, Duration> perLevel(Section s) {
    Map<WarningLevel, Duration> durations = new EnumMap<>(WarningLevel.class);
    for (WarningLevel level : WarningLevel.values()) {
      durations.put(level, Duration.ofSeconds(s.number(level.key(), 10, 86_400)));
    }
    return durations;
  }

  private static String capSender(Section s) {
    String sender = s.text("sender");
    if (sender.isEmpty() || sender.matches(".*[\\s,<&].*")) {
      throw new ConfigException(s.path("sender") + " must not be empty or contain spaces, commas, < or &");
    }
    return sender;
  }

  public static GatewayConfig from(JsonObject json) {
    Section root = new Section(json, "");
    Section http = root.section("http");
    Section database = root.section("database");
    Section mqtt = root.section("mqtt");
    return new GatewayConfig(
        NodeRole.from(root.section("node")),
        HttpConfig.from(http),
        DatabaseSettings.from(database),
        MqttSettings.from(mqtt),
        IngestSettings.from(root.section("ingest")),
        alerts(root.section("alerts"), !root.section("sms").text("url").isEmpty()),
        PushSettings.from(root.section("push")),
        sms(root.section("sms")),
        ApiSettings.from(root.section("api")),
        capSender(root.section("cap")),
        root.section("registry").text("file"),
        RegistryMode.from(root.section("registry")),
        SimulatorConfig.from(root.section("simulator"), database.text("url").isEmpty(), root.flag("demo")),
        EmbeddedConfig.from(database.section("embedded"), mqtt.section("embedded")));
  }
}
