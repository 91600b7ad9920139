package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.domain.WarningLevel;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message FCM refuses says nothing about the tokens it went to; and no warning is ever refused for its size: the
 * longest evacuation plan the administration API accepts, in Chinese, still reaches the phone.
 */
@Timeout(120)
class PushPayloadLimitTest {
  private Vertx vertx;
  private Database database;
  private FakeFcmServer fcm;
  private OutboxDispatcher dispatcher;
  private long alertId;
  private long person;

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
    }
    alertId = count(database, "SELECT max(id) FROM alert");
    person = count(database, "SELECT id FROM person WHERE phone = '13800000002'");
  }

  @AfterEach
  void stop() {
    fcm.close();
    database.close();
    vertx.close().await();
  }

  @Test
  void aMessageFcmRefusesIsRecordedAsFailedAndEveryTokenIsKept() throws Exception {
    token("bad-phone");
    token("bad-tablet");
    outbox(Messages.warning(alertId, "510100000001", new JsonObject().put("name", "Test slope"), WarningLevel.RED,
        "raised", false));

    assertEquals(1, dispatcher.dispatchOnce());

    assertEquals(2, count(database, "SELECT count(*) FROM push_token WHERE person_id = " + person),
        "INVALID_ARGUMENT is about the message: the tokens stay");
    assertEquals(1, count(database, "SELECT count(*) FROM outbox WHERE state = 'failed'"
        + " AND last_error LIKE '%INVALID_ARGUMENT%' AND (result ->> 'removed_tokens')::int = 0"));
  }

  @Test
  void theLongestEvacuationPlanInChineseReachesThePhoneWithinFcmsLimit() throws Exception {
    token("ok-phone");
    // the administration API's limits (openapi.yaml EvacuationPlan, PointWrite.name); the registry file has none
    JsonArray phones = new JsonArray();
    for (int i = 0; i < 10; i++) {
      phones.add("+" + "8613800000000000000".substring(0, 19) + i);
    }
    JsonObject plan = new JsonObject()
        .put("signal", chinese("鸣锣三声并拉响警报，", 200))
        .put("route", chinese("沿学校后山小路向东撤离，经过石桥后右转上坡，", 1000))
        .put("assembly_point", chinese("村小学操场集合点，", 200))
        .put("shelter", chinese("镇中心学校体育馆避难场所，", 200))
        .put("contact_phones", phones);
    JsonObject pointInfo = new JsonObject().put("name", chinese("青龙村后山滑坡隐患点", 200))
        .put("evacuation_plan", plan);
    JsonObject message = Messages.warning(alertId, "510100000001", pointInfo, WarningLevel.RED, "raised", false);
    assertTrue(message.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 2
        * FakeFcmServer.PAYLOAD_LIMIT, "the stored message is whole, far over the limit");
    outbox(message);

    assertEquals(1, dispatcher.dispatchOnce());

    assertEquals(List.of("sent"), states());
    assertEquals(1, count(database, "SELECT count(*) FROM push_token WHERE person_id = " + person));
    FakeFcmServer.Received received = fcm.delivered().get(0);
    assertTrue(FakeFcmServer.payloadBytes(received.body()) <= FakeFcmServer.PAYLOAD_LIMIT);
    JsonObject data = received.message().getJsonObject("data");
    assertEquals("true", data.getString("guidance_truncated"), "the app reads the whole plan from /me/warnings");
    JsonObject guidance = new JsonObject(data.getString("guidance"));
    assertEquals(phones, guidance.getJsonArray("contact_phones"), "the phone numbers go whole");
    assertTrue(guidance.getString("assembly_point").startsWith("村小学操场集合点"), guidance.encode());
    assertTrue(received.message().getJsonObject("notification").getString("title").startsWith("青龙村后山"));
    assertTrue(received.message().getJsonObject("notification").getString("body").startsWith("Danger"));
  }

  @Test
  void aPlanOfAnyLengthFromTheRegistryFileStillFits() {
    // the registry file sets no limit on the plan's texts or on the point's name
    JsonObject plan = new JsonObject().put("route", chinese("沿河堤向北撤离，", 20_000))
        .put("assembly_point", chinese("村委会广场，", 5_000)).put("signal", "\"quoted\" \\ 鸣锣")
        .put("contact_phones", new JsonArray().add("13800000001"));
    JsonObject message = Messages.warning(alertId, "510100000001", new JsonObject()
        .put("name", chinese("滑坡", 10_000)).put("evacuation_plan", plan), WarningLevel.RED, "raised", false);

    PushPayload shaped = PushPayload.of(message, Map.of("alert_id", "1", "point", "510100000001", "level", "red",
        "event", "raised", "drill", "false"));

    assertTrue(shaped.size() <= PushPayload.BUDGET, "size " + shaped.size());
    assertEquals("true", shaped.data().get("guidance_truncated"));
    assertTrue(new JsonObject(shaped.data().get("guidance")).getString("route").endsWith("…"));
  }

  private static String chinese(String phrase, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(phrase);
    }
    return text.substring(0, length);
  }

  private void token(String token) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO push_token (person_id, token, platform) VALUES (?, ?, 'android')")) {
      s.setLong(1, person);
      s.setString(2, token);
      s.executeUpdate();
    }
  }

  private void outbox(JsonObject payload) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO outbox (alert_id, person_id, channel, purpose, payload) VALUES (?, ?, 'push', 'notify', ?::jsonb)")) {
      s.setLong(1, alertId);
      s.setLong(2, person);
      s.setString(3, payload.encode());
      s.executeUpdate();
    }
  }

  private List<String> states() throws Exception {
    return DatabaseFixture.column(database, "SELECT state FROM outbox ORDER BY id");
  }
}
