package org.geohazard.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.geohazard.gateway.mqtt.MessageListener;
import org.geohazard.gateway.testing.BrokerProcess;

/**
 * One crash trial on one broker: a subscriber takes a persistent MQTT 5 session (as the gateway does, in a shared
 * group or not) and goes away; publishers queue a backlog for it at QoS 1 as fast as the broker acknowledges; the
 * broker is killed (SIGKILL) a moment after the last PUBACK and started again; the subscriber comes back and drains
 * its session. Counts what the broker had acknowledged but lost, and what it delivered twice.
 */
final class CrashTrial {
  /** What a trial measured. */
  record Result(int published, double publishPerSecond, int received, int lost, int duplicates, double drainSeconds) {
  }

  private static final String PREFIX = "bench/v1";
  private static final String FILTER = PREFIX + "/+/telemetry";
  private static final int CONNECTIONS = 4;
  private static final int WINDOW_PER_CONNECTION = 250;
  private static final int DEVICES = 100;
  private static final long IDLE_END_MILLIS = 5_000;

  private CrashTrial() {
  }

  /** {@code shared}: subscribe in a shared group ({@code mqtt.shared-group} set), else plainly (the default). */
  static Result run(BrokerProcess broker, boolean shared, int messages, long killAfterMillis) throws Exception {
    String subscriberId = "bench-gateway-" + System.nanoTime();
    Drain drain = new Drain(messages);
    MqttAsyncClient subscriber = subscriber(broker.url(), subscriberId, drain);
    subscriber.subscribe(shared ? "$share/gateways/" + FILTER : FILTER, 1).waitForCompletion(10_000);
    subscriber.disconnect().waitForCompletion(10_000);
    subscriber.close();

    long start = System.nanoTime();
    publish(broker.url(), messages);
    double publishSeconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(killAfterMillis);
    broker.crashAndRestart();

    long drainStart = System.nanoTime();
    subscriber = subscriber(broker.url(), subscriberId, drain);
    while (drain.unique() < messages && System.nanoTime() - drain.lastArrival.get() < IDLE_END_MILLIS * 1_000_000) {
      Thread.sleep(50);
    }
    double drainSeconds = (drain.lastArrival.get() - drainStart) / 1e9;
    subscriber.disconnect().waitForCompletion(10_000);
    subscriber.close();
    int received = drain.unique();
    return new Result(messages, messages / publishSeconds, received, messages - received, drain.duplicates(),
        Math.max(0, drainSeconds));
  }

  private static MqttAsyncClient subscriber(String url, String clientId, Drain drain) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    client.setCallback(drain);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(7L * 24 * 3600);
    options.setReceiveMaximum(1000);
    options.setAutomaticReconnect(false);
    drain.lastArrival.set(System.nanoTime());
    client.connect(options).waitForCompletion(30_000);
    return client;
  }

  private static void publish(String url, int messages) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    List<MqttAsyncClient> clients = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      MqttAsyncClient client = new MqttAsyncClient(url, "bench-device-" + c + "-" + System.nanoTime(),
          new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      client.connect(options).waitForCompletion(10_000);
      clients.add(client);
      Semaphore window = new Semaphore(WINDOW_PER_CONNECTION);
      MqttActionListener acked = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          failure.compareAndSet(null, error);
          window.release();
        }
      };
      Thread thread = new Thread(() -> {
        try {
          for (long seq = next.getAndIncrement(); seq < messages; seq = next.getAndIncrement()) {
            window.acquire();
            String body = "{\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis()
                + ",\"values\":{\"crack_width\":" + (seq % 300) + ",\"rainfall\":0.5,\"tilt_x\":0.01}}";
            MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            client.publish(PREFIX + "/BENCH-" + (seq % DEVICES) + "/telemetry", message, null, acked);
          }
          window.acquire(WINDOW_PER_CONNECTION);
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, "publisher-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (MqttAsyncClient client : clients) {
      client.disconnect().waitForCompletion(10_000);
      client.close();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a publish failed: " + failure.get(), failure.get());
    }
  }

  /** Counts each sequence number received, and those received again. */
  private static final class Drain implements MessageListener {
    private final BitSet seen;
    private int unique;
    private int duplicates;
    final AtomicLong lastArrival = new AtomicLong(System.nanoTime());

    Drain(int messages) {
      this.seen = new BitSet(messages);
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage message) {
      String body = new String(message.getPayload(), StandardCharsets.UTF_8);
      int seq = Integer.parseInt(body.substring(body.indexOf(':') + 1, body.indexOf(',')));
      if (seen.get(seq)) {
        duplicates++;
      } else {
        seen.set(seq);
        unique++;
      }
      lastArrival.set(System.nanoTime());
    }

    synchronized int unique() {
      return unique;
    }

    synchronized int duplicates() {
      return duplicates;
    }
  }
}
