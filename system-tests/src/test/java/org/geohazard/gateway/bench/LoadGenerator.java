package org.geohazard.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Simulated devices publishing telemetry at QoS 1, four values a message, over a few MQTT connections. A message's
 * {@code ts} is the moment it was published (kept unique per device), so a reading's age at commit is its
 * publish-to-commit latency.
 */
final class LoadGenerator {
  static final String[] CHANNELS = {"crack_width", "rainfall", "tilt_x", "tilt_y"};
  private static final int IN_FLIGHT_PER_CONNECTION = 400;

  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final List<Semaphore> windows = new ArrayList<>();
  private final String prefix;
  private final int devices;
  private final long[] lastTs;
  private final AtomicLong published = new AtomicLong();

  LoadGenerator(String brokerUrl, String prefix, int devices, int connections) throws Exception {
    this.prefix = prefix;
    this.devices = devices;
    this.lastTs = new long[devices];
    for (int i = 0; i < connections; i++) {
      MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "loadgen-" + i + "-" + System.nanoTime(),
          new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setSocketFactory(new org.geohazard.gateway.mqtt.BufferedSockets());
      client.connect(options).waitForCompletion(10_000);
      clients.add(client);
      windows.add(new Semaphore(IN_FLIGHT_PER_CONNECTION));
    }
  }

  static String deviceId(int index) {
    return "BENCH-" + index;
  }

  /**
   * Publishes for the given time at the given rate of messages per second (0: as fast as the broker takes them).
   * Returns the number of messages published.
   */
  long run(long durationMillis, int messagesPerSecond) throws Exception {
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + durationMillis * 1_000_000;
    long before = published.get();
    for (int c = 0; c < clients.size(); c++) {
      int connection = c;
      Thread thread = new Thread(() -> publishLoop(connection, start, end, messagesPerSecond), "loadgen-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (Semaphore window : windows) {
      window.acquire(IN_FLIGHT_PER_CONNECTION);
      window.release(IN_FLIGHT_PER_CONNECTION);
    }
    return published.get() - before;
  }

  private void publishLoop(int connection, long start, long end, int messagesPerSecond) {
    MqttAsyncClient client = clients.get(connection);
    Semaphore window = windows.get(connection);
    int connections = clients.size();
    double perConnection = messagesPerSecond / (double) connections;
    long sent = 0;
    int device = connection;
    MqttActionListener release = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
        published.incrementAndGet();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        window.release();
      }
    };
    try {
      while (System.nanoTime() < end) {
        if (messagesPerSecond > 0) {
          long due = start + (long) (sent / perConnection * 1_000_000_000L);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        window.acquire();
        long ts;
        synchronized (lastTs) {
          ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1);
          lastTs[device] = ts;
        }
        String body = "{\"ts\":" + ts + ",\"values\":{\"crack_width\":" + (sent % 300) + ",\"rainfall\":0.5,"
            + "\"tilt_x\":0.01,\"tilt_y\":-0.02}}";
        MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(prefix + "/" + deviceId(device) + "/telemetry", message, null, release);
        sent++;
        device += connections;
        if (device >= devices) {
          device = connection;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("load generator stopped", e);
    }
  }

  void close() throws Exception {
    for (MqttAsyncClient client : clients) {
      client.disconnect().waitForCompletion(5_000);
      client.close();
    }
  }
}
