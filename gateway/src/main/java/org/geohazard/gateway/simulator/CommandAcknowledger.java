package org.geohazard.gateway.simulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.geohazard.gateway.mqtt.MessageListener;
import org.geohazard.gateway.mqtt.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A demo device's side of commands: logs what it was told (a siren sounding) and acknowledges it on cmd/ack. */
final class CommandAcknowledger implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(CommandAcknowledger.class);

  private final MqttAsyncClient client;
  private final Topics topics;
  private final String deviceId;

  CommandAcknowledger(MqttAsyncClient client, Topics topics, String deviceId) {
    this.client = client;
    this.topics = topics;
    this.deviceId = deviceId;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    JsonObject command;
    try {
      command = new JsonObject(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      return;
    }
    LOG.info("[device: {}] command {} {} received (simulated device)", deviceId, command.getString("type"),
        command.getJsonObject("params", new JsonObject()).encode());
    JsonObject ack = new JsonObject().put("id", command.getString("id")).put("ok", true)
        .put("ts", System.currentTimeMillis());
    try {
      client.publish(topics.command(deviceId) + "/ack", DemoSimulator.message(ack));
    } catch (MqttException e) {
      LOG.debug("[device: {}] acknowledgement not sent: {}", deviceId, e.getMessage());
    }
  }
}
