package org.geohazard.gateway.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.geohazard.telemetry.message.Acknowledger;
import org.geohazard.telemetry.message.InboundMessage;
import org.geohazard.telemetry.message.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT 5 session (Eclipse Paho): QoS 1 subscriptions to every device's telemetry, status and command
 * acknowledgements, a persistent session (clean start off, session expiry) and manual acknowledgements, so the
 * broker keeps and redelivers whatever the gateway has not yet committed. The receive maximum bounds how many
 * unacknowledged messages the broker hands over: the in-flight window. The maximum packet size, a little above the
 * largest payload ingest accepts, makes the broker drop a larger message for the gateway instead of sending it, so
 * it is never read into the heap.
 */
public final class MqttIntake implements MqttCallback, Acknowledger {
  private static final Logger LOG = LoggerFactory.getLogger(MqttIntake.class);
  /** Room above the largest payload for the fixed header, the topic and the properties of a PUBLISH. */
  static final int PACKET_HEADROOM_BYTES = 8 * 1024;

  /** Where delivered messages go; may block to hold the broker back. */
  @FunctionalInterface
  public interface Sink {
    void accept(InboundMessage message) throws InterruptedException;
  }

  private final MqttConfig config;
  private final Topics topics;
  private final MqttAsyncClient client;
  private final long maxPacketBytes;
  private final javax.net.ssl.SSLSocketFactory tls;
  private final AtomicLong connection = new AtomicLong();
  private volatile Sink sink;
  private volatile Runnable onConnected = () -> { };

  /** @param maxPayloadBytes the largest payload ingest accepts; larger packets are not taken from the broker */
  public MqttIntake(MqttConfig config, int maxPayloadBytes) {
    this.config = config;
    this.maxPacketBytes = (long) maxPayloadBytes + PACKET_HEADROOM_BYTES;
    // read once here, not at every (re)connection attempt on the event loop
    this.tls = config.caFile().isEmpty() ? null
        : MqttTls.trusting(java.nio.file.Path.of(config.caFile()), "mqtt.ca-file");
    this.topics = new Topics(config.topicPrefix());
    try {
      this.client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("mqtt: cannot create a client for " + config.url() + ": " + e.getMessage(), e);
    }
    client.setManualAcks(true);
    client.setCallback(this);
  }

  public Topics topics() {
    return topics;
  }

  /** The largest packet the gateway takes from the broker. */
  long maxPacketBytes() {
    return maxPacketBytes;
  }

  /** The TLS socket factory of an {@code ssl://} broker, or null. */
  javax.net.ssl.SSLSocketFactory tls() {
    return tls;
  }

  /**
   * Connects and subscribes; the Future completes on the caller's context once the first connection is up. Until
   * then a failed attempt is retried every few seconds.
   */
  public Future<Void> start(Vertx vertx, Sink sink) {
    this.sink = sink;
    Context context = vertx.getOrCreateContext();
    Promise<Void> connected = Promise.promise();
    this.onConnected = () -> context.runOnContext(v -> connected.tryComplete());
    connect(vertx);
    return connected.future();
  }

  private void connect(Vertx vertx) {
    try {
      client.connect(options(), null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // subscriptions are made in connectComplete, for the first connection and every reconnect alike
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          connectFailed(vertx, error);
        }
      });
    } catch (MqttException e) {
      connectFailed(vertx, e);
    }
  }

  private void connectFailed(Vertx vertx, Throwable error) {
    javax.net.ssl.SSLException tls = tlsFailure(error);
    if (tls != null) {
      LOG.error("TLS handshake with the broker at {} failed ({}): the broker's certificate is not signed by the CA"
          + " of mqtt.ca-file ({}) or does not name this host; trying again in 2 s", config.url(), tls.getMessage(),
          config.caFile().isEmpty() ? "not set: the JVM's CAs" : config.caFile());
    } else {
      LOG.warn("Cannot connect to the broker at {} ({}); trying again in 2 s", config.url(), error.getMessage());
    }
    vertx.setTimer(2_000, id -> connect(vertx));
  }

  private static javax.net.ssl.SSLException tlsFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = connectionOptions(config, tls, maxPacketBytes, config.username());
    options.setCleanStart(false);
    options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
    options.setReceiveMaximum(config.receiveMaximum());
    return options;
  }

  /** What every connection of the gateway sets: keep-alive, reconnects, packet size, TLS or buffering, login. */
  static MqttConnectionOptions connectionOptions(MqttConfig config, javax.net.ssl.SSLSocketFactory tls,
      long maxPacketBytes, String username) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setKeepAliveInterval(config.keepAliveSeconds());
    options.setConnectionTimeout(10);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setMaximumPacketSize(maxPacketBytes);
    if (tls != null) {
      options.setSocketFactory(tls);
      options.setHttpsHostnameVerificationEnabled(true);
    } else if (config.url().startsWith("tcp://")) {
      options.setSocketFactory(new BufferedSockets());
    }
    if (!username.isEmpty()) {
      options.setUserName(username);
      options.setPassword(config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return options;
  }

  /**
   * Subscribes with one SUBSCRIBE per filter. HiveMQ CE with file persistence handles a SUBSCRIBE of several filters
   * by telling the connection at once that it has shared subscriptions and storing them later, on a thread of its
   * persistence; a delivery poll of a new session in between (its first one, after the CONNACK) finds none stored
   * and marks the connection as having none, and the group's queue then reaches the gateway only when a message finds
   * it empty: after the first message, nothing more. A SUBSCRIBE of one filter is stored before the connection is
   * told (NewSessionOnHiveMqTest).
   */
  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    Topics.Kind[] kinds = Topics.Kind.values();
    AtomicInteger pending = new AtomicInteger(kinds.length);
    for (Topics.Kind kind : kinds) {
      String filter = topics.filter(kind, config.sharedGroup());
      try {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null,
            new org.eclipse.paho.mqttv5.client.MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                if (pending.decrementAndGet() == 0) {
                  LOG.info("{} to {} as {}; subscribed to {}/+/(telemetry, status, cmd/ack){}",
                      reconnect ? "Reconnected" : "Connected", serverUri, config.clientId(), config.topicPrefix(),
                      config.sharedGroup().isEmpty() ? "" : " in shared group " + config.sharedGroup());
                  onConnected.run();
                }
              }

              @Override
              public void onFailure(IMqttToken token, Throwable error) {
                LOG.error("Subscription to {} refused by the broker: {}", filter, error.getMessage());
              }
            }, new MqttProperties());
      } catch (MqttException e) {
        LOG.error("Cannot subscribe to {}: {}", filter, e.getMessage());
      }
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
    sink.accept(new InboundMessage(topic, message.getPayload(), message.getId(), message.getQos(),
        System.currentTimeMillis(), System.nanoTime(), connection.get()));
  }

  /** Safe from any thread. A message delivered on an earlier connection is not acknowledged: it comes again. */
  @Override
  public void acknowledge(InboundMessage message) {
    if (message.qos() == 0 || message.connection() != connection.get()) {
      return;
    }
    try {
      client.messageArrivedComplete(message.messageId(), message.qos());
    } catch (MqttException e) {
      LOG.debug("Acknowledgement of message {} not sent ({}); the broker will redeliver it", message.messageId(),
          e.getMessage());
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    connection.incrementAndGet();
    LOG.warn("Disconnected from the broker ({}); reconnecting, unacknowledged messages will be redelivered",
        response.getReasonString() != null ? response.getReasonString() : response.getException());
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.warn("MQTT error: {}", exception.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
  }

  /** Publishes a command on the device's cmd topic at QoS 1 and waits for the broker to take it. Blocking. */
  public void publishCommand(String deviceId, io.vertx.core.json.JsonObject command) throws MqttException {
    MqttMessage message = new MqttMessage(command.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topics.command(deviceId), message).waitForCompletion(10_000);
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(5_000).waitForCompletion(6_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT client close: {}", e.getMessage());
    }
  }
}
