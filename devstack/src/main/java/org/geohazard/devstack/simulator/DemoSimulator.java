package org.geohazard.devstack.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.geohazard.app.config.SimulatorConfig;
import org.geohazard.telemetry.message.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo devices that follow device contract v1: each connects with its own client id and a Will, announces itself
 * online, publishes a sample of all its channels every interval (and its health every few samples), and acknowledges
 * the commands it receives (sirens sound, sampling changes) on cmd/ack.
 */
public final class DemoSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulator.class);

  /** A device to simulate: its id and the metric of each channel key. */
  public record DemoDevice(String id, Map<String, String> channels) {
  }

  private final Vertx vertx;
  private final String brokerUrl;
  private final Topics topics;
  private final SimulatorConfig config;
  private final List<Running> devices = new ArrayList<>();
  private long timer = -1;

  private record Running(DemoDevice device, MqttAsyncClient client, SignalModel model, long[] seq) {
  }

  public DemoSimulator(Vertx vertx, String brokerUrl, Topics topics, SimulatorConfig config) {
    this.vertx = vertx;
    this.brokerUrl = brokerUrl;
    this.topics = topics;
    this.config = config;
  }

  /** Connects the devices (on a worker: Paho connects block) and starts publishing. */
  public Future<Void> start(List<DemoDevice> demo) {
    long landslideStart = config.landslide() ? System.currentTimeMillis() + config.scenarioDelay().toMillis() : -1;
    return vertx.executeBlocking(() -> {
      for (DemoDevice device : demo) {
        devices.add(connect(device, landslideStart));
      }
      return null;
    }).<Void>mapEmpty().onSuccess(v -> {
      timer = vertx.setPeriodic(0, config.interval().toMillis(), id -> publishAll());
      LOG.info("Simulator publishing for {} demo devices every {} s{}", devices.size(),
          config.interval().toSeconds(), config.landslide() ? "; the Huangjiawan crack starts to accelerate in "
              + config.scenarioDelay().toSeconds() + " s (red about 7 minutes later)" : "");
    });
  }

  private Running connect(DemoDevice device, long landslideStart) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, device.id(), new MemoryPersistence());
    client.setCallback(new CommandAcknowledger(client, topics, device.id()));
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setAutomaticReconnect(true);
    MqttMessage will = message(new JsonObject().put("online", false));
    options.setWill(topics.status(device.id()), will);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(topics.command(device.id()), 1).waitForCompletion(10_000);
    client.publish(topics.status(device.id()), message(new JsonObject().put("online", true)
        .put("ts", System.currentTimeMillis()).put("firmware", "sim-1.0")));
    return new Running(device, client, new SignalModel(device.id().hashCode(), landslideStart), new long[1]);
  }

  private void publishAll() {
    double seconds = config.interval().toSeconds();
    for (Running running : devices) {
      running.model().step(seconds);
      JsonObject values = new JsonObject();
      running.device().channels().forEach((key, metric) -> values.put(key, running.model().value(metric, seconds)));
      long seq = ++running.seq()[0];
      if (!values.isEmpty()) {
        JsonObject sample = new JsonObject().put("ts", System.currentTimeMillis()).put("seq", seq)
            .put("values", values);
        publish(running, topics.telemetry(running.device().id()), sample);
      }
      if (seq % 6 == 1) {
        publish(running, topics.status(running.device().id()), new JsonObject().put("ts", System.currentTimeMillis())
            .put("online", true).put("battery_v", 3.6 + (running.device().id().length() % 5) * 0.1)
            .put("rssi", -60 - (int) (seq % 20)).put("temp_c", 18.5));
      }
    }
  }

  private static void publish(Running running, String topic, JsonObject body) {
    try {
      running.client().publish(topic, message(body));
    } catch (MqttException e) {
      LOG.debug("[device: {}] simulated publish failed: {}", running.device().id(), e.getMessage());
    }
  }

  static MqttMessage message(JsonObject body) {
    MqttMessage message = new MqttMessage(body.encode().getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    return message;
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (Running running : devices) {
      try {
        running.client().disconnect().waitForCompletion(2_000);
        running.client().close();
      } catch (MqttException e) {
        LOG.debug("[device: {}] simulator disconnect: {}", running.device().id(), e.getMessage());
      }
    }
  }
}
