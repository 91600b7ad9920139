package org.geohazard.alerts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.PushConfig;
import org.geohazard.alerts.config.SmsConfig;
import org.geohazard.alerts.delivery.Channel;
import org.geohazard.alerts.delivery.CommandChannel;
import org.geohazard.alerts.delivery.CommandPublisher;
import org.geohazard.alerts.delivery.FcmPushChannel;
import org.geohazard.alerts.delivery.FcmV1Client;
import org.geohazard.alerts.delivery.OutboxDispatcher;
import org.geohazard.alerts.delivery.OutboxLane;
import org.geohazard.alerts.delivery.RecordingPushChannel;
import org.geohazard.alerts.delivery.SmsChannel;
import org.geohazard.lifecycle.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox dispatcher with this node's channels: app push, commands through its MQTT session, and the SMS/voice
 * gateway when configured. Each goes in a lane of its own, so a slow SMS gateway never holds back sirens or push.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  /** How long a dispatcher holds rows it has leased but not yet handed to their channel (a call stretches it). */
  private static final Duration LEASE = Duration.ofSeconds(60);
  /** Commands are few and each waits for the broker's PUBACK: one thread keeps them in the order written. */
  private static final OutboxLane COMMANDS = new OutboxLane("commands", Set.of("siren", "sampling"), 1, 100, LEASE);
  /**
   * Two threads keep the push service busy while the database records the previous batch. Push rows are leased for as
   * long as a call may take and its recording (2 min and 5 s), so the call right after the lease needs no claim.
   */
  private static final OutboxLane PUSH = new OutboxLane("push", Set.of("push"), 2, 1_000, Duration.ofSeconds(130));
  /** One HTTP request per text: a few threads with small batches, so one slow answer holds few rows. */
  private static final OutboxLane SMS = new OutboxLane("sms", Set.of("sms"), 4, 20, LEASE);

  private Delivery() {
  }

  /** Blocking when push is configured (reads the key file): call it off the event loop. */
  static OutboxDispatcher dispatcher(Workers workers, DataSource dataSource, CommandPublisher publisher,
      DeliveryConfig config, PushConfig push, SmsConfig sms) throws IOException {
    CommandChannel commands = new CommandChannel(dataSource, publisher, config.commandLifetime(),
        config.commandResend());
    Map<String, Channel> channels = new HashMap<>(Map.of(
        "push", pushChannel(dataSource, push),
        "siren", commands,
        "sampling", commands));
    if (sms.enabled()) {
      channels.put("sms", new SmsChannel(dataSource, sms));
      LOG.info("SMS/voice gateway channel to {}", sms.url());
    }
    // the SMS lane runs even without a gateway: rows left from when one was configured are recorded as failed
    return new OutboxDispatcher(workers, dataSource, channels, List.of(COMMANDS, PUSH, SMS), Duration.ofMillis(500));
  }

  private static Channel pushChannel(DataSource dataSource, PushConfig push) throws IOException {
    if (!push.enabled()) {
      LOG.warn("No Firebase credentials (push.credentials-file): app messages are recorded, not sent");
      return new RecordingPushChannel(dataSource);
    }
    LOG.info("App push through FCM for project {}{}", push.projectId(),
        push.endpoint().isEmpty() ? "" : " via " + push.endpoint());
    return new FcmPushChannel(dataSource, FcmV1Client.fromServiceAccount(Path.of(push.credentialsFile()),
        push.projectId(), push.endpoint()), push.iosCriticalAlerts());
  }
}
