package org.geohazard.gateway.testing;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A field device as the tests play it: its own MQTT client, publishing at QoS 1 under its own id. */
public final class TestDevice implements AutoCloseable {
  private final String id;
  private final String prefix;
  private final MqttAsyncClient client;

  private TestDevice(String id, String prefix, MqttAsyncClient client) {
    this.id = id;
    this.prefix = prefix;
    this.client = client;
  }

  public static TestDevice connect(String brokerUrl, String prefix, String id) throws MqttException {
    return connect(brokerUrl, prefix, id, false);
  }

  /** With a Will on the status topic, as the contract asks of a device. */
  public static TestDevice connect(String brokerUrl, String prefix, String id, boolean will) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, id + "-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    if (will) {
      MqttMessage message = new MqttMessage("{\"online\": false}".getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      options.setWill(prefix + "/" + id + "/status", message);
    }
    client.connect(options).waitForCompletion(10_000);
    return new TestDevice(id, prefix, client);
  }

  /** With the given client id and options (credentials, TLS), as a device on a secured broker connects. */
  public static TestDevice connect(String brokerUrl, String prefix, String id, String clientId,
      MqttConnectionOptions options) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    client.connect(options).waitForCompletion(10_000);
    return new TestDevice(id, prefix, client);
  }

  public void telemetry(String json) throws MqttException {
    publish("telemetry", json.getBytes(StandardCharsets.UTF_8));
  }

  public void status(String json) throws MqttException {
    publish("status", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes and waits for the broker's PUBACK. */
  public void publish(String kind, byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    client.publish(prefix + "/" + id + "/" + kind, message).waitForCompletion(10_000);
  }

  /** Receives the commands sent to this device (its cmd topic, QoS 1). */
  public void onCommand(java.util.function.Consumer<String> handler) throws MqttException {
    client.setCallback((org.geohazard.gateway.mqtt.MessageListener) (topic, message) ->
        handler.accept(new String(message.getPayload(), StandardCharsets.UTF_8)));
    client.subscribe(prefix + "/" + id + "/cmd", 1).waitForCompletion(10_000);
  }

  /** Drops the connection without a DISCONNECT, so the broker publishes the Will. */
  public void vanish() throws MqttException {
    client.disconnectForcibly(0, 0, false);
    client.close(true);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close(true);
  }
}
