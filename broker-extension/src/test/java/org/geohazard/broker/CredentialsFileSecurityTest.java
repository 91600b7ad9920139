package org.geohazard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker whose credentials file is missing or broken admits nobody: the extension fails closed instead of leaving
 * the broker to its default (an embedded HiveMQ, or one with the allow-all extension, would admit anyone).
 */
@Tag("unit")
@Timeout(60)
class CredentialsFileSecurityTest {
  private static final int ACCEPTED = 0;
  private static final int NOT_AUTHORIZED = 5;

  @Test
  void aBrokerWithABrokenCredentialsFileRefusesEveryClient() throws Exception {
    Path dir = Files.createTempDirectory("broken-rules");
    Path file = dir.resolve("dynamic-security.json");
    Files.writeString(file, "{\"clients\": [ not json");
    int port = freePort();
    try (EmbeddedHiveMQ broker = start(dir, port, file)) {
      assertEquals(NOT_AUTHORIZED, connack(port, "LF-1", "LF-1", "abc"), "a client with a name and password");
      assertEquals(NOT_AUTHORIZED, connack(port, "anyone", null, null), "an anonymous client");
      broker.stop().join();
    }
  }

  @Test
  void aBrokerWithItsFileAdmitsOnlyTheCredentialWithItsBoundClientId() throws Exception {
    Path dir = Files.createTempDirectory("rules");
    Path file = dir.resolve("dynamic-security.json");
    Files.writeString(file, """
        {"clients": [{"username": "LF-1", "clientid": "LF-1", "roles": [],
          "password": "b1tEf9nYlxRQy1kgT0ozGPykXDyyFyoRsR3VqeSGG1S9FM/pUBWOZqY+Dt5m4FXwidQM+5hMqzkY/NcOTF7icA==",
          "salt": "SBxtsXrE4Lm+VvaL", "iterations": 101}]}
        """);
    int port = freePort();
    try (EmbeddedHiveMQ broker = start(dir, port, file)) {
      assertEquals(ACCEPTED, connack(port, "LF-1", "LF-1", "abc"), "the device with its password and client id");
      assertEquals(NOT_AUTHORIZED, connack(port, "LF-1", "LF-1", "abd"), "a wrong password");
      assertEquals(NOT_AUTHORIZED, connack(port, "gateway-1", "LF-1", "abc"), "another client id");
      assertEquals(NOT_AUTHORIZED, connack(port, "LF-2", "LF-2", "abc"), "an unknown user");
      assertEquals(NOT_AUTHORIZED, connack(port, "LF-1", null, null), "no credential");
      broker.stop().join();
    }
  }

  private static EmbeddedHiveMQ start(Path dir, int port, Path file) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
          <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
          <persistence><mode>in-memory</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(port));
    EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(dir.resolve("data")))
        .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
        .withEmbeddedExtension(EmbeddedExtension.builder().withId("geohazard-device-rules")
            .withName("Geohazard device rules").withVersion("test").withPriority(1000).withStartPriority(1000)
            .withExtensionMain(new DeviceRulesMain(file)).build())
        .build();
    broker.start().join();
    return broker;
  }

  /** The return code of the CONNACK to an MQTT 3.1.1 CONNECT (clean session), or -1 if the broker closed. */
  private static int connack(int port, String clientId, String user, String password) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(body);
    data.writeUTF("MQTT");
    data.writeByte(4);
    data.writeByte(0x02 | (user == null ? 0 : 0xC0));
    data.writeShort(60);
    data.writeUTF(clientId);
    if (user != null) {
      data.writeUTF(user);
      byte[] pw = password.getBytes(StandardCharsets.UTF_8);
      data.writeShort(pw.length);
      data.write(pw);
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(0x10);
      socket.getOutputStream().write(body.size());
      body.writeTo(socket.getOutputStream());
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(4);
      return reply.length == 4 && reply[0] == 0x20 ? reply[3] : -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
