package org.geohazard.api.duty;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Manual alerts raised by the duty room, the delivery status of an alert per recipient, and its CAP documents. */
@Timeout(120)
class ManualAlertAndDeliveryTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO device (id, point_code, model, siren) VALUES ('SR-T1', '" + POINT + "', 'siren', true)");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void dutyOfficerRaisesOneManualAlertWhoseMessagesAreWrittenToTheOutbox() throws Exception {
    long before = api.one("SELECT count(*) FROM alert");
    HttpResponse<String> raised = raise(DUTY, POINT, "red", "Cracks widening above the school", "seen by patrol");
    assertEquals(201, raised.statusCode(), raised.body());
    JsonObject alert = new JsonObject(raised.body());
    long id = alert.getLong("id");
    assertEquals("/api/v1/alerts/" + id, raised.headers().firstValue("Location").orElseThrow());
    assertEquals("manual", alert.getString("kind"));
    assertEquals("red", alert.getString("level"));
    assertEquals("Cracks widening above the school", alert.getString("title"));
    assertFalse(alert.getBoolean("drill"));
    assertEquals("raised", alert.getJsonArray("events").getJsonObject(0).getString("type"));
    assertEquals(before + 1, api.one("SELECT count(*) FROM alert"));
    assertTrue(api.one("SELECT count(*) FROM outbox WHERE alert_id = " + id + " AND channel = 'push'") >= 4);
    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE alert_id = " + id + " AND channel = 'siren'"));
  }

  @Test
  void eachLevelNeedsTheDutyRoomsAnswerAndAMonitorsAnswerIsRecordedAsReceived() throws Exception {
    long id = new JsonObject(raise(DUTY, POINT, "blue", "Seepage at the toe of the slope", null).body()).getLong("id");
    String answer = "/api/v1/alerts/" + id + "/answer";
    JsonObject received = ok(api.post(answer, api.token(MONITOR), ""));
    assertEquals("open", received.getString("state"), "a monitor's answer does not stop the reminders");
    assertNull(received.getValue("answered_level"));
    assertProblem(api.post(answer, api.token(MONITOR), ""), 409, "conflict");
    JsonObject answered = ok(api.post(answer, api.token(DUTY), ""));
    assertEquals("answered", answered.getString("state"));
    assertEquals("blue", answered.getString("answered_level"));
    assertProblem(api.post(answer, api.token(LEADER), ""), 409, "conflict");

    try (Connection c = api.database().dataSource().getConnection()) {
      Database.inTransaction(c, t -> AlertRepository.changeLevel(t, id, WarningLevel.BLUE, WarningLevel.RED, null));
    }
    JsonObject climbed = ok(api.get("/api/v1/alerts/" + id, api.token(DUTY)));
    assertEquals("open", climbed.getString("state"), "red is not answered yet");
    assertNull(climbed.getValue("answered_level"));
    ok(api.post(answer, api.token(LEADER), ""));

    JsonArray events = ok(api.get("/api/v1/alerts/" + id, api.token(DUTY))).getJsonArray("events");
    List<String> history = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject event = events.getJsonObject(i);
      history.add(event.getString("type") + ":" + event.getString("level") + ":" + event.getValue("actor"));
    }
    assertEquals(List.of("raised:blue:" + api.personId(DUTY), "received:blue:" + api.personId(MONITOR),
        "answered:blue:" + api.personId(DUTY), "level_up:red:null", "answered:red:" + api.personId(LEADER)), history);
  }

  @Test
  void leadersAndAdministratorsRaiseManualAlertsToo() throws Exception {
    assertEquals(201, raise(LEADER, POINT, "blue", "Leader's alert", null).statusCode());
    assertEquals(201, raise(ADMIN, POINT, "yellow", "Administrator's alert", null).statusCode());
  }

  @Test
  void othersMayNotRaiseAlertsAndOtherCountiesDoNotSeeThePoint() throws Exception {
    long before = api.one("SELECT count(*) FROM alert");
    assertProblem(raise(MONITOR, POINT, "red", "x", null), 403, "forbidden");
    assertProblem(raise(RESPONSIBLE, POINT, "red", "x", null), 403, "forbidden");
    assertProblem(raise(RESIDENT, POINT, "red", "x", null), 403, "forbidden");
    assertProblem(raise(OTHER_DUTY, POINT, "red", "x", null), 404, "not-found");
    assertProblem(raise(DUTY, "999999999999", "red", "x", null), 404, "not-found");
    assertEquals(before, api.one("SELECT count(*) FROM alert"));
  }

  @Test
  void aDelistedPointTakesNoNewAlerts() throws Exception {
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, status)"
        + " VALUES ('510100000099', 'Old slope', 'landslide', 30.7, 104.2, 'Test County', 'delisted')");
    assertProblem(raise(DUTY, "510100000099", "red", "x", null), 409, "conflict");
  }

  @Test
  void invalidUnknownAndOversizedAlertBodiesAreRefused() throws Exception {
    String duty = api.token(DUTY);
    long before = api.one("SELECT count(*) FROM alert");
    assertProblem(api.post("/api/v1/alerts", duty, new JsonObject().put("point", POINT).put("level", "red").encode()),
        400, "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "purple", "x", null).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "red", "x", null).put("drill", true).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "red", "x".repeat(201), null).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "red", "   ", null).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "red", "x", "n".repeat(2001)).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/alerts", duty, body(POINT, "red", "x", "n".repeat(70_000)).encode()), 413,
        "payload-too-large");
    assertProblem(api.post("/api/v1/alerts", duty, "[1, 2]"), 400, "invalid-request");
    assertEquals(before, api.one("SELECT count(*) FROM alert"));
  }

  @Test
  void sqlMetacharactersInTitleAndNoteAreStoredAsText() throws Exception {
    String title = "Robert'); DROP TABLE alert; -- \"quoted\" \\ %_";
    JsonObject alert = ok(raise(DUTY, POINT, "blue", title, "note'; DELETE FROM outbox; --"));
    assertEquals(title, alert.getString("title"));
    assertEquals("note'; DELETE FROM outbox; --", alert.getJsonArray("events").getJsonObject(0).getString("note"));
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE id = " + alert.getLong("id")));
  }

  @Test
  void deliveriesShowEachRecipientWithPhoneRolesAndCommandAcknowledgement() throws Exception {
    long id = ok(raise(DUTY, POINT, "red", "Deliveries", null)).getLong("id");
    long total = api.one("SELECT count(*) FROM outbox WHERE alert_id = " + id);
    long sampling = api.one("SELECT min(id) FROM outbox WHERE alert_id = " + id + " AND channel = 'sampling'");
    api.sql("UPDATE outbox SET state = 'failed', attempts = 3, last_error = 'carrier refused' WHERE alert_id = " + id
        + " AND channel = 'push' AND person_id = (SELECT id FROM person WHERE phone = '" + RESIDENT + "')");
    api.sql("INSERT INTO command_ack (device_id, command_id, ok, ts, received_at) SELECT device_id, 'cmd-' || id,"
        + " true, now(), now() FROM outbox WHERE id = " + sampling);

    JsonObject page = ok(api.get("/api/v1/alerts/" + id + "/deliveries?limit=200", api.token(DUTY)));
    assertEquals(total, page.getJsonObject("summary").getLong("total"));
    assertEquals(1, page.getJsonObject("summary").getJsonObject("by_channel").getJsonObject("push")
        .getInteger("failed"));
    assertNull(page.getString("next_cursor"));
    JsonArray items = page.getJsonArray("items");
    assertEquals(total, items.size());
    JsonObject resident = find(items, row -> row.getJsonObject("person") != null
        && RESIDENT.equals(row.getJsonObject("person").getString("phone")));
    assertEquals("failed", resident.getString("state"));
    assertEquals("carrier refused", resident.getString("last_error"));
    assertEquals(new JsonArray().add("resident"), resident.getJsonObject("person").getJsonArray("roles"));
    JsonObject duty = find(items, row -> row.getJsonObject("person") != null
        && DUTY.equals(row.getJsonObject("person").getString("phone")));
    assertEquals(new JsonArray().add("duty_officer"), duty.getJsonObject("person").getJsonArray("roles"));
    JsonObject acked = find(items, row -> row.getLong("id") == sampling);
    assertEquals("cmd-" + sampling, acked.getJsonObject("command").getString("id"));
    assertTrue(acked.getJsonObject("command").getBoolean("acknowledged"));
    assertTrue(acked.getJsonObject("command").getBoolean("ok"));
    JsonObject siren = find(items, row -> "siren".equals(row.getString("channel")));
    assertEquals("SR-T1", siren.getJsonObject("device").getString("id"));
    assertFalse(siren.getJsonObject("command").getBoolean("acknowledged"));
    assertNull(siren.getValue("person"));
  }

  @Test
  void deliveriesArePagedAndFiltered() throws Exception {
    long id = ok(raise(ADMIN, POINT, "red", "Paged", null)).getLong("id");
    long total = api.one("SELECT count(*) FROM outbox WHERE alert_id = " + id);
    String leader = api.token(LEADER);
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    long last = 0;
    do {
      JsonObject page = ok(api.get("/api/v1/alerts/" + id + "/deliveries?limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), leader));
      for (Object item : page.getJsonArray("items")) {
        long row = ((JsonObject) item).getLong("id");
        assertTrue(row > last);
        last = row;
        assertTrue(seen.add(row));
      }
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertEquals(total, seen.size());

    JsonObject sirens = ok(api.get("/api/v1/alerts/" + id + "/deliveries?channel=siren", leader));
    assertEquals(1, sirens.getJsonArray("items").size());
    JsonObject failed = ok(api.get("/api/v1/alerts/" + id + "/deliveries?state=failed", leader));
    assertEquals(0, failed.getJsonArray("items").size());
    assertProblem(api.get("/api/v1/alerts/" + id + "/deliveries?channel=fax", leader), 400, "invalid-request");
    assertProblem(api.get("/api/v1/alerts/" + id + "/deliveries?limit=201", leader), 400, "invalid-request");
    assertProblem(api.get("/api/v1/alerts/" + id + "/deliveries?cursor=bm90LWEtbnVtYmVy", leader), 400,
        "invalid-cursor");
  }

  @Test
  void deliveriesAreOnlyForThoseWhoMayResolveTheAlert() throws Exception {
    long id = ok(raise(DUTY, POINT, "orange", "Who sees deliveries", null)).getLong("id");
    String path = "/api/v1/alerts/" + id + "/deliveries";
    assertProblem(api.get(path, api.token(MONITOR)), 403, "forbidden");
    assertProblem(api.get(path, api.token(RESPONSIBLE)), 403, "forbidden");
    assertProblem(api.get(path, api.token(RESIDENT)), 403, "forbidden");
    assertProblem(api.get(path, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/alerts/999999/deliveries", api.token(DUTY)), 404, "not-found");
    assertProblem(api.get(path, null), 401, "unauthorized");
  }

  @Test
  void capDocumentsOfAnAlertAreServedToThoseWhoMaySeeIt() throws Exception {
    long id = ok(raise(DUTY, POINT, "orange", "CAP", null)).getLong("id");
    HttpResponse<String> cap = api.get("/api/v1/alerts/" + id + "/cap", api.token(RESIDENT));
    assertEquals(200, cap.statusCode(), cap.body());
    assertTrue(cap.headers().firstValue("Content-Type").orElse("").startsWith("application/cap+xml"));
    assertTrue(cap.body().contains("<status>Actual</status>"), cap.body());
    assertTrue(cap.body().contains("<msgType>Alert</msgType>"), cap.body());

    long raisedEvent = api.one("SELECT min(id) FROM alert_event WHERE alert_id = " + id);
    assertEquals(200, api.post("/api/v1/alerts/" + id + "/resolve", api.token(DUTY),
        new JsonObject().put("note", "all clear").encode()).statusCode());
    String latest = api.get("/api/v1/alerts/" + id + "/cap", api.token(DUTY)).body();
    assertTrue(latest.contains("<msgType>Cancel</msgType>"), latest);
    String first = api.get("/api/v1/alerts/" + id + "/cap/" + raisedEvent, api.token(DUTY)).body();
    assertTrue(first.contains("<msgType>Alert</msgType>"), first);

    assertProblem(api.get("/api/v1/alerts/" + id + "/cap/999999", api.token(DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/alerts/" + id + "/cap", api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/alerts/" + id + "/cap/abc", api.token(DUTY)), 400, "invalid-request");
    api.sql("INSERT INTO alert (point_code, source, kind, title) VALUES ('" + POINT + "', 'device:LF-T1:offline',"
        + " 'device', 'offline')");
    long device = api.one("SELECT max(id) FROM alert WHERE kind = 'device'");
    assertProblem(api.get("/api/v1/alerts/" + device + "/cap", api.token(DUTY)), 404, "not-found");
  }

  private static HttpResponse<String> raise(String phone, String point, String level, String title, String note)
      throws Exception {
    return api.post("/api/v1/alerts", api.token(phone), body(point, level, title, note).encode());
  }

  private static JsonObject body(String point, String level, String title, String note) {
    JsonObject body = new JsonObject().put("point", point).put("level", level).put("title", title);
    return note == null ? body : body.put("note", note);
  }

  private static JsonObject find(JsonArray items, java.util.function.Predicate<JsonObject> test) {
    for (Object item : items) {
      if (test.test((JsonObject) item)) {
        return (JsonObject) item;
      }
    }
    assertNotNull(null, "no such item in " + items.encodePrettily());
    return null;
  }
}
