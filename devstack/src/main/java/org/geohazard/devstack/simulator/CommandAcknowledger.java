package org.geohazard.devstack.simulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.geohazard.gateway.mqtt.MessageListener;
import org.geohazard.telemetry.message.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo device's side of commands: logs what it was told (a siren sounding) and acknowledges it on cmd/ack. It
 * honours {@code seq} as the device contract describes: a command older than one of its type already carried out is
 * dropped and answered {@code "ok": false, "error": "stale"}; a resend (the same {@code seq}) is answered again.
 */
final class CommandAcknowledger implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(CommandAcknowledger.class);

  private final MqttAsyncClient client;
  private final Topics topics;
  private final String deviceId;
  /** The highest seq carried out, per command type. */
  private final java.util.Map<String, Long> carriedOut = new java.util.concurrent.ConcurrentHashMap<>();

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
    String type = String.valueOf(command.getValue("type"));
    Long seq = command.getValue("seq") instanceof Number n ? n.longValue() : null;
    Long highest = carriedOut.get(type);
    JsonObject ack = new JsonObject().put("id", command.getString("id")).put("ts", System.currentTimeMillis());
    if (seq != null && highest != null && seq < highest) {
      LOG.info("[device: {}] stale command {} (seq {} < {}) dropped (simulated device)", deviceId, type, seq, highest);
      ack.put("ok", false).put("error", "stale");
    } else {
      if (seq == null || highest == null || seq > highest) {
        LOG.info("[device: {}] command {} {} received (simulated device)", deviceId, type,
            command.getJsonObject("params", new JsonObject()).encode());
      }
      if (seq != null) {
        carriedOut.merge(type, seq, Math::max);
      }
      ack.put("ok", true);
    }
    try {
      client.publish(topics.command(deviceId) + "/ack", DemoSimulator.message(ack));
    } catch (MqttException e) {
      LOG.debug("[device: {}] acknowledgement not sent: {}", deviceId, e.getMessage());
    }
  }
}
