package org.geohazard.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.geohazard.alerts.delivery.Channel;
import org.geohazard.alerts.delivery.CommandChannel;
import org.geohazard.alerts.delivery.DeliveryConfig;
import org.geohazard.alerts.delivery.FcmClients;
import org.geohazard.alerts.delivery.FcmPushChannel;
import org.geohazard.alerts.delivery.OutboxDispatcher;
import org.geohazard.alerts.delivery.RecordingPushChannel;
import org.geohazard.alerts.delivery.SmsChannel;
import org.geohazard.alerts.delivery.SmsConfig;
import org.geohazard.gateway.config.PushConfig;
import org.geohazard.gateway.mqtt.MqttIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox dispatcher with this gateway's channels: app push, and commands through its MQTT session. */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  /** Dispatcher threads: two keep the push service busy while the database records the previous batch. */
  private static final int WORKERS = 2;

  private Delivery() {
  }

  /** Blocking when push is configured (reads the key file): call it off the event loop. */
  static OutboxDispatcher dispatcher(DataSource dataSource, MqttIntake mqtt, DeliveryConfig config, PushConfig push,
      SmsConfig sms) throws IOException {
    CommandChannel commands = new CommandChannel(dataSource, mqtt::publishCommand, config.commandLifetime(),
        config.commandResend());
    Map<String, Channel> channels = new HashMap<>(Map.of(
        "push", pushChannel(dataSource, push),
        "siren", commands,
        "sampling", commands));
    if (sms.enabled()) {
      channels.put("sms", new SmsChannel(dataSource, sms));
      LOG.info("SMS/voice gateway channel to {}", sms.url());
    }
    return new OutboxDispatcher(dataSource, channels, Duration.ofSeconds(60), Duration.ofMillis(500), WORKERS);
  }

  private static Channel pushChannel(DataSource dataSource, PushConfig push) throws IOException {
    if (!push.enabled()) {
      LOG.warn("No Firebase credentials (push.credentials-file): app messages are recorded, not sent");
      return new RecordingPushChannel(dataSource);
    }
    LOG.info("App push through FCM for project {}{}", push.projectId(),
        push.endpoint().isEmpty() ? "" : " via " + push.endpoint());
    return new FcmPushChannel(dataSource, FcmClients.fromServiceAccount(Path.of(push.credentialsFile()),
        push.projectId(), push.endpoint()), push.iosCriticalAlerts());
  }
}
