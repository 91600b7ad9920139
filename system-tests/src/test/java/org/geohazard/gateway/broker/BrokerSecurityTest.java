package org.geohazard.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.geohazard.gateway.mqtt.MqttTls;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.SecureBroker;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On each broker with its shipped configuration and the per-device rules (HiveMQ with the geohazard-device-rules
 * extension, Mosquitto with the dynamic-security plugin, both from the same credentials file): a stolen device
 * credential (RG-T1) can neither read other devices' messages, nor join the gateways' shared group, nor speak for
 * another device, nor take over another client's session, while the gateway stores every reading a good device
 * (LF-T1) publishes meanwhile.
 */
@Timeout(120)
class BrokerSecurityTest {
  private static final int SAMPLES = 600;
  private static final String THIEF = "RG-T1";
  private static final String GOOD = "LF-T1";
  private static final int REFUSED = 0x80;
  private static final String BROKERS = "org.geohazard.gateway.testing.SecureBroker#available";

  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void aStolenDeviceCredentialIsRefusedAndTheGatewayStoresEveryReadingMeanwhile(SecureBroker broker) throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    List<Executable> refusals = new ArrayList<>();
    try (GatewayRunner gateway = GatewayRunner.start(
        broker.gatewayEnvironment(database.url(), DatabaseFixture.testRegistry()))) {
      Stream stream = new Stream(() -> broker.device(GOOD), GOOD, SAMPLES, 100);
      Eventually.await(Duration.ofSeconds(10), stream::published, n -> n >= 50);

      MqttAsyncClient thief = connect(broker, THIEF, THIEF);
      int own = subscribe(thief, SecureBroker.PREFIX + "/" + THIEF + "/cmd");
      refusals.add(() -> assertTrue(own < REFUSED, "a device may subscribe to its own cmd topic; got " + own));
      for (String filter : List.of("$share/gateways/" + SecureBroker.PREFIX + "/+/telemetry", "$share/gateways/#",
          "#", SecureBroker.PREFIX + "/+/telemetry", SecureBroker.PREFIX + "/" + GOOD + "/cmd",
          SecureBroker.PREFIX + "/+/cmd")) {
        int code = subscribe(thief, filter);
        refusals.add(() -> assertTrue(code >= REFUSED, "subscription to " + filter + " granted (" + code + ")"));
      }
      int forged = publish(thief, SecureBroker.PREFIX + "/" + GOOD + "/telemetry",
          "{\"ts\": " + (Stream.T0 - 86_400_000L) + ", \"values\": {\"crack_width\": 99, \"crack_width_2\": 99}}");
      refusals.add(() -> assertTrue(forged >= REFUSED, "publishing as " + GOOD + " accepted (" + forged + ")"));
      int command = publish(thief, SecureBroker.PREFIX + "/" + GOOD + "/cmd", "{\"id\": \"forged\"}");
      refusals.add(() -> assertTrue(command >= REFUSED, "a command to " + GOOD + " accepted (" + command + ")"));
      close(thief);

      for (String clientId : List.of(SecureBroker.GATEWAY_CLIENT_ID, GOOD, "any-other-id")) {
        String outcome = tryConnect(broker, THIEF, clientId);
        refusals.add(() -> assertTrue(outcome.startsWith("refused"),
            "connecting with client id " + clientId + " on " + THIEF + "'s credential: " + outcome));
      }
      int left = SAMPLES - stream.published();

      String streamOutcome = "finished";
      try {
        stream.finish();
      } catch (Exception e) {
        streamOutcome = "stopped: " + e;
      }
      String device = streamOutcome;
      refusals.add(() -> assertEquals("finished", device, "the good device's stream"));
      long stored = Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM reading"),
          n -> n >= SAMPLES * 2L);
      refusals.add(() -> assertTrue(left > 0, "the attempts ended after the stream"));
      refusals.add(() -> assertEquals(SAMPLES * 2L, stored, "readings stored of the stream published meanwhile"));
      refusals.add(() -> assertEquals(0, sql.count("SELECT count(*) FROM reading WHERE ts < to_timestamp("
          + Stream.T0 / 1000 + ")"), "forged readings stored"));
    }
    assertAll(refusals);
  }

  /** The gateway's live lane: its own login with the gateway's secret, bound to its own client id. */
  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void aGatewaysLiveLaneTakesTelemetryUnderItsOwnClientIdOnly(SecureBroker broker) throws Exception {
    String user = SecureBroker.GATEWAY_USER + "-live";
    String password = SecureBroker.secret(SecureBroker.GATEWAY_USER);
    MqttAsyncClient lane = new MqttAsyncClient(broker.url(), SecureBroker.GATEWAY_CLIENT_ID + "-live",
        new MemoryPersistence());
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    lane.setCallback((org.geohazard.gateway.mqtt.MessageListener) (topic, message) -> received.add(topic));
    lane.connect(SecureBroker.options(user, password, broker.caFile())).waitForCompletion(10_000);
    try (org.geohazard.gateway.testing.TestDevice device = broker.device(GOOD)) {
      int granted = subscribe(lane, "$share/gateways-live/" + SecureBroker.PREFIX + "/+/telemetry");
      assertTrue(granted < REFUSED, "the live lane's subscription was refused: " + granted);
      // no reading: the gateways' sessions on this broker (in CI shared by every test) get the message too, and
      // other tests count the readings their gateway stores
      device.telemetry("not a reading");
      Eventually.await(Duration.ofSeconds(10), () -> List.copyOf(received), r -> !r.isEmpty());
    } finally {
      close(lane);
    }
    assertEquals(List.of(SecureBroker.PREFIX + "/" + GOOD + "/telemetry"), received);

    MqttAsyncClient elsewhere = new MqttAsyncClient(broker.url(), SecureBroker.GATEWAY_CLIENT_ID,
        new MemoryPersistence());
    String outcome;
    try {
      elsewhere.connect(SecureBroker.options(user, password, broker.caFile())).waitForCompletion(10_000);
      outcome = "accepted";
      close(elsewhere);
    } catch (MqttException e) {
      outcome = "refused";
    }
    assertEquals("refused", outcome, "the live lane's login with the gateway's own client id");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void aSecondGatewayCommandsADeviceWhichReceivesOnlyItsOwnCommands(SecureBroker broker) throws Exception {
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (org.geohazard.gateway.testing.TestDevice device = broker.device(THIEF)) {
      device.onCommand(received::add);
      MqttAsyncClient gateway = connect(broker, "gateway-2", "geohazard-gateway-2");
      int other = publish(gateway, SecureBroker.PREFIX + "/" + GOOD + "/cmd", "{\"id\": \"c-other\"}");
      int own = publish(gateway, SecureBroker.PREFIX + "/" + THIEF + "/cmd", "{\"id\": \"c-own\"}");
      close(gateway);

      assertTrue(other < REFUSED && own < REFUSED, "the gateway's commands were refused: " + other + ", " + own);
      assertEquals(List.of("{\"id\": \"c-own\"}"),
          Eventually.await(Duration.ofSeconds(10), () -> List.copyOf(received), r -> !r.isEmpty()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BROKERS)
  void aDevicePublishingMoreThanTheBrokersLimitIsDisconnectedBeforeTheBrokerReadsIt(SecureBroker broker)
      throws Exception {
    URI address = URI.create(broker.url());
    try (Socket socket = broker.caFile().isEmpty() ? new Socket(address.getHost(), address.getPort())
        : MqttTls.trusting(Path.of(broker.caFile()), "test CA").createSocket(address.getHost(),
            address.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(connectPacket(THIEF, THIEF, SecureBroker.secret(THIEF)));
      out.flush();
      byte[] connack = in.readNBytes(4);
      assertEquals(0, connack.length == 4 ? connack[3] : -1, "CONNACK of a raw MQTT 3.1.1 client");

      int size = 10 * 1024 * 1024;
      String topic = SecureBroker.PREFIX + "/" + THIEF + "/telemetry";
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      header.write(0x30);
      writeLength(header, 2 + topic.length() + size);
      new DataOutputStream(header).writeUTF(topic);
      long sent = 0;
      boolean closed;
      try {
        out.write(header.toByteArray());
        byte[] chunk = new byte[64 * 1024];
        while (sent < size) {
          out.write(chunk);
          sent += chunk.length;
        }
        out.flush();
        socket.setSoTimeout(3_000);
        closed = in.read() == -1;
      } catch (java.net.SocketTimeoutException e) {
        closed = false;
      } catch (IOException e) {
        closed = true;
      }
      assertTrue(closed, "the broker kept a client that sent a PUBLISH of " + size + " bytes");
    }
  }

  private static MqttAsyncClient connect(SecureBroker broker, String user, String clientId) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
    client.connect(broker.options(user)).waitForCompletion(10_000);
    return client;
  }

  /** "accepted" or "refused (reason)"; an accepted connection is closed again at once. */
  private static String tryConnect(SecureBroker broker, String user, String clientId) {
    try {
      MqttAsyncClient client = connect(broker, user, clientId);
      close(client);
      return "accepted";
    } catch (MqttException e) {
      return "refused (" + e.getReasonCode() + ": " + e.getMessage() + ")";
    }
  }

  /** The SUBACK's reason code for one filter at QoS 1; 0x80 and above is a refusal. */
  private static int subscribe(MqttAsyncClient client, String filter) {
    try {
      IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
      token.waitForCompletion(10_000);
      return token.getReasonCodes()[0];
    } catch (MqttException e) {
      return Math.max(e.getReasonCode(), REFUSED);
    }
  }

  /** The PUBACK's reason code of a QoS 1 publish; 0x80 and above is a refusal. */
  private static int publish(MqttAsyncClient client, String topic, String payload) {
    try {
      MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      IMqttToken token = client.publish(topic, message);
      token.waitForCompletion(10_000);
      return token.getReasonCodes() == null ? 0 : token.getReasonCodes()[0];
    } catch (MqttException e) {
      return Math.max(e.getReasonCode(), REFUSED);
    }
  }

  private static void close(MqttAsyncClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException ignored) {
      // the broker may have closed the connection already
    }
  }

  /** An MQTT 3.1.1 CONNECT with clean session, user name and password. */
  private static byte[] connectPacket(String clientId, String user, String password) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(body);
    data.writeUTF("MQTT");
    data.writeByte(4);
    data.writeByte(0xC2);
    data.writeShort(60);
    data.writeUTF(clientId);
    data.writeUTF(user);
    data.writeUTF(password);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    writeLength(packet, body.size());
    body.writeTo(packet);
    return packet.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
  }
}
