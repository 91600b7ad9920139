package org.geohazard.gateway.mqtt;

import java.time.Duration;

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
