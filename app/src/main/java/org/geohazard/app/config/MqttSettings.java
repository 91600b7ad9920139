package org.geohazard.app.config;

import java.nio.file.Path;
import java.time.Duration;
import org.geohazard.gateway.mqtt.MqttConfig;
import org.geohazard.gateway.mqtt.MqttTls;

/** The {@code mqtt} section, checked: topics without wildcards, a broker URL, a readable CA file for ssl://. */
final class MqttSettings {
  private MqttSettings() {
  }

  static MqttConfig from(Section s) {
    String prefix = s.text("topic-prefix");
    if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.endsWith("/")) {
      throw new ConfigException(s.path("topic-prefix") + " must be a topic without wildcards or a trailing '/'");
    }
    String group = s.text("shared-group");
    if (group.contains("/") || group.contains("+") || group.contains("#")) {
      throw new ConfigException(s.path("shared-group") + " must not contain '/', '+' or '#'");
    }
    String url = s.text("url");
    if (!url.isEmpty() && !url.matches("(tcp|ssl)://[^/]+:\\d+")) {
      throw new ConfigException(s.path("url") + " must read like tcp://host:1883 or ssl://host:8883; got '" + url + "'");
    }
    String clientId = s.text("client-id");
    if (clientId.isEmpty()) {
      throw new ConfigException(s.path("client-id") + " must not be empty");
    }
    String caFile = s.text("ca-file");
    if (!caFile.isEmpty()) {
      if (!url.startsWith("ssl://")) {
        throw new ConfigException(s.path("ca-file") + " is set, so " + s.path("url")
            + " must be an ssl://host:8883 address; got '" + url + "'");
      }
      try {
        MqttTls.trusting(Path.of(caFile), s.path("ca-file"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    return new MqttConfig(url, clientId, s.text("username"), s.text("password"), prefix, group,
        s.integer("receive-maximum", 1, 65535), Duration.ofSeconds(s.number("session-expiry-s", 60, 4294967295L)),
        s.integer("keep-alive-s", 5, 3600), caFile, s.flag("live-lane"));
  }
}
