package org.geohazard.gateway.mqtt;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh telemetry while the gateway's session hands over a backlog. A broker keeps one queue per session, so readings
 * sent during an outage come first and the readings sent now wait behind them, however urgent. While the session
 * brings only stale samples, this second connection — a clean session, nothing queued for it, QoS 0, telemetry only, its own shared
 * group — takes telemetry as it is published. What it takes is written as well as it can be and never acknowledged:
 * the session delivers every message anyway, and storing twice stores once.
 */
public final class LiveLane implements MessageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveLane.class);
  private static final long LINGER_NANOS = 30_000_000_000L;
  /** After a refused or failed connection, the next attempt waits this long (a login not yet created, say). */
  private static final long RETRY_NANOS = 60_000_000_000L;

  private final MqttConfig config;
  private final Topics topics;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Consumer<InboundMessage> sink;
  private volatile boolean wanted;
  private volatile long retryAt = System.nanoTime();
  private volatile boolean closed;
  private long behindAt;

  /** @param sink takes each message without waiting (drops it when full: the session has it too) */
  public LiveLane(MqttConfig config, MqttIntake intake, Consumer<InboundMessage> sink) {
    this.config = config;
    this.topics = intake.topics();
    this.sink = sink;
    this.options = MqttIntake.connectionOptions(config, intake.tls(), intake.maxPacketBytes(), config.liveUsername());
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    try {
      this.client = new MqttAsyncClient(config.url(), config.liveClientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("mqtt: cannot create the live lane's client: " + e.getMessage(), e);
    }
    client.setCallback(this);
  }

  /**
   * Opens the lane while the writer is behind and closes it once the writer has been caught up for 30 s. Call it
   * periodically from a worker: closing waits for the broker.
   */
  public synchronized void follow(boolean behind) {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (behind) {
      behindAt = now;
      steer(true);
    } else if (now - behindAt > LINGER_NANOS) {
      steer(false);
    }
  }

  private void steer(boolean open) {
    if (open && !wanted && System.nanoTime() - retryAt >= 0) {
      wanted = true;
      LOG.info("The session hands over a backlog: fresh telemetry also comes on {} meanwhile", config.liveClientId());
      connect();
    } else if (!open && wanted) {
      wanted = false;
      disconnect();
      LOG.info("Backlog handed over: the live lane is closed");
    }
  }

  public boolean isOpen() {
    return wanted && client.isConnected();
  }

  private void connect() {
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          LOG.warn("The live lane cannot connect as {} ({}); fresh readings come through the session only;"
              + " trying again in a minute (does the broker know the login {}?)", config.liveClientId(),
              error.getMessage(), config.liveUsername().isEmpty() ? "(none)" : config.liveUsername());
          retryAt = System.nanoTime() + RETRY_NANOS;
          wanted = false;
        }
      });
    } catch (MqttException e) {
      LOG.warn("The live lane cannot connect ({}); trying again in a minute", e.getMessage());
      retryAt = System.nanoTime() + RETRY_NANOS;
      wanted = false;
    }
  }

  private void disconnect() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      LOG.debug("Live lane disconnect: {}", e.getMessage());
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    String group = config.sharedGroup().isEmpty() ? "" : config.sharedGroup() + "-live";
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.filter(Topics.Kind.TELEMETRY, group), 0)},
          null, null, new MqttProperties());
    } catch (MqttException e) {
      LOG.warn("The live lane cannot subscribe ({})", e.getMessage());
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    sink.accept(new InboundMessage(topic, message.getPayload(), message.getId(), 0, System.currentTimeMillis(),
        System.nanoTime(), -1));
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.debug("Live lane: {}", exception.getMessage());
  }

  @Override
  public synchronized void close() {
    closed = true;
    wanted = false;
    disconnect();
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("Live lane close: {}", e.getMessage());
    }
  }
}
