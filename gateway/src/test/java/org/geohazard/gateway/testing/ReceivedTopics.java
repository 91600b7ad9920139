package org.geohazard.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A client's callback that keeps the topic of every message it receives. */
public final class ReceivedTopics implements MqttCallback {
  private final List<String> topics = new CopyOnWriteArrayList<>();

  public List<String> topics() {
    return List.copyOf(topics);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    topics.add(topic);
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
  }
}
