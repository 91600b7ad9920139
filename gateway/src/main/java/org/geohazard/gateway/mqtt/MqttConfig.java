package org.geohazard.gateway.mqtt;

import java.time.Duration;
import org.geohazard.gateway.config.ConfigException;
import org.geohazard.gateway.config.Section;

/**
 * The gateway's MQTT client; without a URL the embedded broker is used.
 *
 * @param receiveMaximum the in-flight window: how many unacknowledged messages the broker may hand the gateway
 * @param caFile PEM file of the CA trusted for an {@code ssl://} broker; empty trusts the JVM's CAs
 * @param liveLane while the session hands over a backlog, take fresh telemetry on a second connection too
 *     ({@link LiveLane}), as {@link #liveClientId()} and {@link #liveUsername()}
 */
public record MqttConfig(
    String url, String clientId, String username, String password, String topicPrefix, String sharedGroup,
    int receiveMaximum, Duration sessionExpiry, int keepAliveSeconds, String caFile, boolean liveLane) {

  public static MqttConfig from(Section s) {
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
      MqttTls.trusting(java.nio.file.Path.of(caFile), s.path("ca-file"));
    }
    return new MqttConfig(url, clientId, s.text("username"), s.text("password"), prefix, group,
        s.integer("receive-maximum", 1, 65535), Duration.ofSeconds(s.number("session-expiry-s", 60, 4294967295L)),
        s.integer("keep-alive-s", 5, 3600), caFile, s.flag("live-lane"));
  }

  public MqttConfig withUrl(String brokerUrl) {
    return new MqttConfig(brokerUrl, clientId, username, password, topicPrefix, sharedGroup, receiveMaximum,
        sessionExpiry, keepAliveSeconds, caFile, liveLane);
  }

  /** The live lane's client id: the gateway's, with {@code -live}. */
  public String liveClientId() {
    return clientId + "-live";
  }

  /** The live lane's user (its own login, with the gateway's password and rights): the gateway's, with {@code -live}. */
  public String liveUsername() {
    return username.isEmpty() ? "" : username + "-live";
  }
}
