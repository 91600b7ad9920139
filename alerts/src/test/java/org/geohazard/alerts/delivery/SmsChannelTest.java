package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.geohazard.alerts.config.SmsConfig;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generic SMS/voice gateway channel against a local HTTP gateway. */
@Timeout(60)
class SmsChannelTest {
  private Vertx vertx;
  private Database database;
  private HttpServer gateway;
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/send", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Api-Key"), body});
      String to = new JsonObject(body).getString("to");
      int status = to.equals("13800000001") ? 202 : to.equals("13800000002") ? 503 : 400;
      if (status == 503) {
        exchange.getResponseHeaders().add("Retry-After", "9");
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    gateway.start();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO person (name, phone) VALUES ('Third', '13900000003')");
    }
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
    database.close();
    vertx.close().await();
  }

  @Test
  void eachRecipientGetsAPostAndItsOutcomeIsRecorded() throws Exception {
    SmsChannel sms = new SmsChannel(database.dataSource(), new SmsConfig(
        "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send", "X-Api-Key: secret-key", "application/json",
        "{\"to\": \"${phone}\", \"text\": \"${text}\", \"level\": \"${level}\"}", Duration.ofSeconds(5)));
    JsonObject payload = new JsonObject().put("title", "Slope \"A\": RED warning").put("body", "Evacuate now.")
        .put("level", "red");
    List<OutboxRow> rows = List.of(
        row(1, "13800000001", payload), row(2, "13800000002", payload), row(3, "13900000003", payload));

    Map<Long, Outcome> outcomes = sms.send(rows);

    assertEquals(Outcome.Kind.SENT, outcomes.get(1L).kind());
    assertEquals(Outcome.Kind.RETRY, outcomes.get(2L).kind());
    assertTrue(outcomes.get(2L).retryAfter().toSeconds() >= 9, "Retry-After is honoured");
    assertEquals(Outcome.Kind.FAILED, outcomes.get(3L).kind());
    assertEquals("secret-key", received.get(0)[0]);
    JsonObject sent = new JsonObject(received.get(0)[1]);
    assertEquals("Slope \"A\": RED warning. Evacuate now.", sent.getString("text"));
    assertEquals("red", sent.getString("level"));
  }

  private OutboxRow row(long id, String phone, JsonObject payload) throws Exception {
    long person = count(database, "SELECT id FROM person WHERE phone = '" + phone + "'");
    return new OutboxRow(id, 1, person, null, "sms", "notify", payload, false, 1, Instant.now());
  }
}
