package org.geohazard.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.geohazard.alerts.help.HelpRequest;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call for help through the production FCM client against the local FCM v1 server: urgent, and small. */
@Timeout(120)
class HelpPushTest {
  private Vertx vertx;
  private Database database;
  private FakeFcmServer fcm;
  private OutboxDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    fcm = new FakeFcmServer();
    FcmPushChannel push = new FcmPushChannel(database.dataSource(), fcm.client(), false);
    dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("push", push), Duration.ofMinutes(1),
        Duration.ofMillis(100), 1);
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO push_token (person_id, token, platform) SELECT id, 'duty-1', 'android' FROM person"
            + " WHERE phone = '13800000001'")) {
      s.executeUpdate();
    }
  }

  @AfterEach
  void stop() {
    fcm.close();
    database.close();
    vertx.close().await();
  }

  @Test
  void aCallForHelpGoesOutUrgentOnItsOwnChannelWithWhomToCallAndWhere() throws Exception {
    send(HelpMessages.toStaff(request("Li Ming", "leg injured, cannot walk down"), "help_request"));

    JsonObject sent = fcm.received().get(0);
    assertEquals("high", sent.getJsonObject("android").getString("priority"));
    assertEquals("help_request", sent.getJsonObject("android").getJsonObject("notification").getString("channel_id"));
    assertEquals("10", sent.getJsonObject("apns").getJsonObject("headers").getString("apns-priority"));
    assertTrue(sent.getJsonObject("notification").getString("title").contains("Li Ming"));
    assertTrue(sent.getJsonObject("notification").getString("body").contains("13900000050"));
    JsonObject data = sent.getJsonObject("data");
    assertEquals("77", data.getString("help_request_id"));
    assertEquals("13900000050", data.getString("phone"));
    assertEquals("30.61", data.getString("lat"));
    assertEquals("help_request", data.getString("event"));
  }

  @Test
  void aCallForHelpWithTheLongestNoteInChineseStaysUnderFcmsPayloadLimit() throws Exception {
    String note = "山体滑坡把路堵住了我的腿受伤走不动请快来".repeat(25);
    assertEquals(500, note.length(), "the longest note the API accepts");
    send(HelpMessages.toStaff(request("欧阳".repeat(50), note), "help_reminder"));

    JsonObject sent = fcm.received().get(0);
    int bytes = utf8(sent.getJsonObject("notification").getString("title"))
        + utf8(sent.getJsonObject("notification").getString("body"));
    for (Map.Entry<String, Object> entry : sent.getJsonObject("data")) {
      bytes += utf8(entry.getKey()) + utf8(String.valueOf(entry.getValue()));
    }
    assertTrue(bytes < 4096 - 512, "notification and data take " + bytes + " bytes of FCM's 4096");
    assertTrue(sent.getJsonObject("notification").getString("body").contains("山体滑坡"));
  }

  private static HelpRequest request(String name, String note) {
    return new HelpRequest(77, 5, "510100000001", "Test slope", false, 3, name, "13900000050", note, 30.61, 104.12,
        Instant.now(), null, "open", null, null, 0, null, null);
  }

  private void send(JsonObject payload) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO outbox (person_id, channel, purpose, payload) SELECT id, 'push', 'notify', ?::jsonb"
            + " FROM person WHERE phone = '13800000001'")) {
      s.setString(1, payload.encode());
      s.executeUpdate();
    }
    assertEquals(1, dispatcher.dispatchOnce());
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
