package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** App push through the production FCM client against a local server speaking the FCM v1 API. */
@Timeout(120)
class FcmPushChannelTest {
  private Vertx vertx;
  private Database database;
  private FakeFcmServer fcm;
  private OutboxDispatcher dispatcher;
  private long alertId;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    fcm = new FakeFcmServer();
    FcmPushChannel push = new FcmPushChannel(database.dataSource(), fcm.client(), false);
    dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("push", push), Duration.ofMinutes(1),
        Duration.ofMillis(100), 1);
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
          + " ('510100000001', 'warning', 'warning', 'red', 'Test slope: RED warning')");
      alertId = count(database, "SELECT max(id) FROM alert");
      s.execute("INSERT INTO person (name, phone) VALUES ('Third', '13900000003'), ('Fourth', '13900000004')");
    }
    token("13800000001", "ok-a1", "android");
    token("13800000001", "gone-a2", "ios");
    token("13800000002", "busy-b1", "android");
    token("13900000003", "down-c1", "ios");
  }

  @AfterEach
  void stop() {
    fcm.close();
    database.close();
    vertx.close().await();
  }

  @Test
  void eachRecipientsOutcomeIsRecordedAndDeadTokensAreRemoved() throws Exception {
    for (String phone : new String[] {"13800000001", "13800000002", "13900000003", "13900000004"}) {
      outbox(phone);
    }

    assertEquals(4, dispatcher.dispatchOnce());

    assertEquals("sent", state("13800000001"));
    assertEquals(0, count(database, "SELECT count(*) FROM push_token WHERE token = 'gone-a2'"));
    assertEquals(1, count(database, "SELECT count(*) FROM push_token WHERE token = 'ok-a1'"));
    assertEquals("pending", state("13800000002"));
    assertTrue(count(database, "SELECT extract(epoch FROM next_attempt_at - now())::bigint FROM outbox o"
        + " JOIN person p ON p.id = o.person_id WHERE p.phone = '13800000002'") >= 5, "Retry-After is honoured");
    assertEquals("sent", state("13900000003"));
    assertEquals(3, fcm.attempts("down-c1"), "503 is retried");
    assertEquals("failed", state("13900000004"));
  }

  @Test
  void redWarningGoesOutUrgentWithItsDataAndChannel() throws Exception {
    outbox("13800000001");
    dispatcher.dispatchOnce();

    JsonObject sent = fcm.received().stream().filter(m -> m.getString("token").equals("ok-a1")).findFirst()
        .orElseThrow();
    assertEquals("Test slope: RED warning", sent.getJsonObject("notification").getString("title"));
    assertEquals("high", sent.getJsonObject("android").getString("priority"));
    assertEquals("warning_red", sent.getJsonObject("android").getJsonObject("notification").getString("channel_id"));
    assertEquals("3600s", sent.getJsonObject("android").getString("ttl"));
    assertEquals("10", sent.getJsonObject("apns").getJsonObject("headers").getString("apns-priority"));
    assertEquals("time-sensitive", sent.getJsonObject("apns").getJsonObject("payload").getJsonObject("aps")
        .getString("interruption-level"));
    JsonObject data = sent.getJsonObject("data");
    assertEquals(String.valueOf(alertId), data.getString("alert_id"));
    assertEquals("red", data.getString("level"));
    assertEquals("false", data.getString("drill"));
    assertEquals("school", new JsonObject(data.getString("guidance")).getString("assembly_point"));
  }

  @Test
  void aMessageWithoutAnAlertGoesOutWithTheReportItCarries() throws Exception {
    JsonObject payload = new JsonObject().put("title", "Danger report: Test slope").put("body", "Signs: bulging.")
        .put("report_id", 42).put("point", "510100000001").put("level", "orange").put("event", "report")
        .put("drill", false);
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO outbox (person_id, channel, purpose, payload) SELECT id, 'push', 'notify', ?::jsonb"
            + " FROM person WHERE phone = '13800000001'")) {
      s.setString(1, payload.encode());
      s.executeUpdate();
    }

    assertEquals(1, dispatcher.dispatchOnce());

    assertEquals("sent", state("13800000001"));
    JsonObject data = fcm.received().stream().filter(m -> m.getString("token").equals("ok-a1")).findFirst()
        .orElseThrow().getJsonObject("data");
    assertEquals("42", data.getString("report_id"));
    assertEquals("report", data.getString("event"));
    assertTrue(!data.containsKey("alert_id"), data.encode());
  }

  @Test
  void dispatcherKilledBetweenSendingAndRecordingDoesNotLoseTheMessage() throws Exception {
    outbox("13800000001");
    // a dispatcher leases the row and sends it, then dies before it records anything
    java.util.List<OutboxRow> leased;
    try (Connection c = database.dataSource().getConnection()) {
      leased = OutboxRepository.lease(c, 10, Duration.ofMillis(300));
    }
    assertEquals(1, leased.size());
    assertEquals(0, dispatcher.dispatchOnce(), "a leased row is not sent twice while its lease runs");
    Thread.sleep(400);

    assertEquals(1, dispatcher.dispatchOnce());
    assertEquals("sent", state("13800000001"));
    assertEquals(2, count(database, "SELECT attempts FROM outbox"));
  }

  private void token(String phone, String token, String platform) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO push_token (person_id, token, platform) SELECT id, ?, ? FROM person WHERE phone = ?")) {
      s.setString(1, token);
      s.setString(2, platform);
      s.setString(3, phone);
      s.executeUpdate();
    }
  }

  private void outbox(String phone) throws Exception {
    JsonObject payload = new JsonObject().put("title", "Test slope: RED warning").put("body", "Danger: evacuate now.")
        .put("alert_id", alertId).put("point", "510100000001").put("level", "red").put("event", "raised")
        .put("drill", false).put("guidance", new JsonObject().put("assembly_point", "school"));
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO outbox (alert_id, person_id, channel, purpose, payload) SELECT ?, id, 'push', 'notify', ?::jsonb"
            + " FROM person WHERE phone = ?")) {
      s.setLong(1, alertId);
      s.setString(2, payload.encode());
      s.setString(3, phone);
      s.executeUpdate();
    }
  }

  private String state(String phone) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        var r = s.executeQuery("SELECT o.state FROM outbox o JOIN person p ON p.id = o.person_id WHERE p.phone = '"
            + phone + "'")) {
      r.next();
      return r.getString(1);
    }
  }
}
