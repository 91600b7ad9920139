package org.geohazard.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.bootstrap.ClientConnection;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.mqtt.topic.tree.LocalTopicTree;
import com.hivemq.persistence.ProducerQueues;
import com.hivemq.persistence.SingleWriterService;
import com.hivemq.persistence.connection.ConnectionPersistence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.telemetry.message.InboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway taking a new session in a shared group on HiveMQ CE with file persistence (the shipped broker,
 * deploy/hivemq/config.xml, and the embedded broker with {@code mqtt.embedded.persistent}) receives every message.
 *
 * <p>HiveMQ CE 2025.5 handles a SUBSCRIBE of several filters by telling the connection at once that it has shared
 * subscriptions, while a persistence thread stores them later. The connection's first delivery poll (once the broker
 * has read the session's in-flight messages after CONNACK) looks its shared subscriptions up in that store: if it
 * runs in between, it finds none and marks the connection as having none, for as long as the connection lasts. From
 * then on the group's queue is polled for the gateway only when a message arrives at an empty queue: the first
 * message is delivered, the next ones arrive while it is still unacknowledged, and nothing more comes although the
 * broker holds them. Whether that poll falls in between is a matter of thread timing (about one new session in ten
 * on an idle machine); this test holds the broker's persistence queues of the gateway's client id to make that order
 * certain. A SUBSCRIBE of one filter stores the subscription before telling the connection, so the order cannot hurt.
 */
@Timeout(60)
class NewSessionOnHiveMqTest {
  private static final int MESSAGES = 20;
  private static final String PREFIX = "new-session/v1";
  private static final String GROUP = "gateways";
  private static final String CLIENT_ID = "gateway-new-session";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aNewSessionInASharedGroupReceivesEveryMessageWhenTheBrokerStoresItsSubscriptionsLate(@TempDir Path dir)
      throws Exception {
    // two persistence threads are held below; the broker needs a third for the connection's session
    assumeTrue(InternalConfigurations.SINGLE_WRITER_THREAD_POOL_SIZE.get() >= 3,
        "the broker has fewer than 3 persistence threads on this machine");
    int port = TestBrokers.freePort();
    String url = "tcp://127.0.0.1:" + port;
    EmbeddedHiveMQ hivemq = start(dir, port);
    Broker broker = new Broker(hivemq);
    CountDownLatch queuedMessages = new CountDownLatch(1);
    CountDownLatch subscriptions = new CountDownLatch(1);
    Vertx vertx = Vertx.vertx();
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    MqttIntake intake = new MqttIntake(new MqttConfig(url, CLIENT_ID, "", "", PREFIX, GROUP, 1000,
        Duration.ofDays(1), 30, "", false), 256 * 1024);
    try {
      broker.hold(broker.persistence().getQueuedMessagesQueue(), queuedMessages);
      broker.hold(broker.persistence().getSubscriptionQueue(), subscriptions);

      List<InboundMessage> received = new CopyOnWriteArrayList<>();
      Future<Void> started = intake.start(vertx, message -> {
        received.add(message);
        // acknowledged once "stored", as the writer does: the next messages reach the broker meanwhile
        writer.schedule(() -> intake.acknowledge(message), 50, TimeUnit.MILLISECONDS);
      });
      assertTrue(Eventually.await(WAIT, () -> broker.subscribed(GROUP, PREFIX + "/+/telemetry"), b -> b),
          "the gateway's subscription did not reach the broker");
      Thread.sleep(100);

      queuedMessages.countDown();
      assertTrue(Eventually.await(WAIT, () -> broker.firstPollFoundNoSubscription(CLIENT_ID), b -> b),
          "the broker's first poll of the new connection did not run as in HiveMQ CE 2025.5: update this test");
      subscriptions.countDown();
      started.await(10, TimeUnit.SECONDS);

      try (TestDevice device = TestDevice.connect(url, PREFIX, "LF-T1")) {
        for (int i = 0; i < MESSAGES; i++) {
          device.telemetry("{\"seq\": " + i + ", \"values\": {\"crack_width\": " + i + "}}");
        }
      }
      int delivered = Eventually.await(WAIT, received::size, n -> n >= MESSAGES);
      assertEquals(MESSAGES, delivered, "messages the broker delivered to the gateway's new session (the broker's"
          + " connection believes it has no shared subscription: " + broker.believesNoSharedSubscription(CLIENT_ID)
          + ")");
    } finally {
      queuedMessages.countDown();
      subscriptions.countDown();
      intake.close();
      writer.shutdownNow();
      vertx.close().await();
      hivemq.stop().join();
      hivemq.close();
    }
  }

  /** HiveMQ CE as the embedded broker runs it with {@code persistent: true}: file persistence. */
  private static EmbeddedHiveMQ start(Path dir, int port) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
          </listeners>
          <persistence><mode>file</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(port));
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(dir.resolve("data")))
        .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
        .build();
    hivemq.start().join();
    return hivemq;
  }

  /** The broker's internals this test steers and reads (HiveMQ CE 2025.5). */
  private static final class Broker {
    private final Object injector;

    Broker(EmbeddedHiveMQ hivemq) throws Exception {
      var getInjector = hivemq.getClass().getDeclaredMethod("getInjector");
      getInjector.setAccessible(true);
      this.injector = getInjector.invoke(hivemq);
    }

    <T> T get(Class<T> type) {
      try {
        // Guice is on the broker's runtime class path only
        return type.cast(Class.forName("com.google.inject.Injector").getMethod("getInstance", Class.class)
            .invoke(injector, type));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no " + type.getSimpleName() + " in the broker", e);
      }
    }

    SingleWriterService persistence() {
      return get(SingleWriterService.class);
    }

    /** Keeps the persistence thread of the client's bucket in {@code queue} busy until {@code release}. */
    void hold(ProducerQueues queue, CountDownLatch release) {
      queue.submit(CLIENT_ID, bucket -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      });
    }

    boolean subscribed(String group, String filter) {
      return !get(LocalTopicTree.class).getSharedSubscriber(group, filter).isEmpty();
    }

    boolean firstPollFoundNoSubscription(String clientId) {
      ClientConnection connection = get(ConnectionPersistence.class).get(clientId);
      return connection != null && connection.isInFlightMessagesSent() && connection.getNoSharedSubscription();
    }

    String believesNoSharedSubscription(String clientId) {
      ClientConnection connection = get(ConnectionPersistence.class).get(clientId);
      return connection == null ? "not connected" : String.valueOf(connection.getNoSharedSubscription());
    }
  }
}
