package org.geohazard.gateway.app;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.geohazard.alerts.delivery.Channel;
import org.geohazard.alerts.delivery.CommandChannel;
import org.geohazard.alerts.delivery.DeliveryConfig;
import org.geohazard.alerts.delivery.OutboxDispatcher;
import org.geohazard.alerts.delivery.RecordingPushChannel;
import org.geohazard.gateway.mqtt.MqttIntake;

/** The outbox dispatcher with this gateway's channels: app push, and commands through its MQTT session. */
final class Delivery {
  private Delivery() {
  }

  static OutboxDispatcher dispatcher(DataSource dataSource, MqttIntake mqtt, DeliveryConfig config) {
    CommandChannel commands = new CommandChannel(dataSource, mqtt::publishCommand, config.commandLifetime(),
        config.commandResend());
    Map<String, Channel> channels = Map.of(
        "push", new RecordingPushChannel(dataSource),
        "siren", commands,
        "sampling", commands);
    return new OutboxDispatcher(dataSource, channels, Duration.ofSeconds(60), Duration.ofMillis(500));
  }
}
