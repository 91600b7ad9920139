package org.geohazard.api.monitors;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Danger reports through real HTTP and a real database: filing, who is told, who may read and decide. */
@Timeout(120)
class ReportsTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void aMonitorsReportIsPushedToTheCountysDutyOfficerAtOnce() throws Exception {
    JsonObject report = ok(file(MONITOR, report("orange", "new_cracks", "seepage_or_muddy_water")));
    long id = report.getLong("id");

    assertEquals("open", report.getString("state"));
    assertEquals(new JsonArray().add("new_cracks").add("seepage_or_muddy_water"), report.getJsonArray("signs"));
    assertEquals(MONITOR, report.getJsonObject("reporter").getString("phone"));
    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE report_id = " + id + " AND alert_id IS NULL"
        + " AND purpose = 'report' AND channel = 'push' AND state = 'pending' AND person_id = " + api.personId(DUTY)));
    assertEquals(0, api.one("SELECT count(*) FROM outbox WHERE report_id = " + id + " AND person_id IN ("
        + api.personId(OTHER_DUTY) + ", " + api.personId(MONITOR) + ", " + api.personId(RESIDENT) + ")"));
    JsonObject payload = new JsonObject(text("SELECT payload::text FROM outbox WHERE report_id = " + id));
    assertEquals("Danger report: Test slope", payload.getString("title"));
    assertEquals("orange", payload.getString("level"));
    assertEquals("report", payload.getString("event"));
    assertEquals(id, payload.getLong("report_id"));
    assertTrue(payload.getString("body").contains("Signs: new cracks, seepage or muddy water"), payload.encode());

    JsonObject listed = ok(api.get("/api/v1/reports?point=" + POINT + "&state=open", api.token(DUTY)));
    assertEquals(id, listed.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertEquals("orange", ok(api.get("/api/v1/reports/" + id, api.token(DUTY))).getString("suggested_level"));
  }

  @Test
  void theDutyOfficerOnShiftGetsTheReportRatherThanEveryDutyOfficerOfTheCounty() throws Exception {
    api.sql("INSERT INTO person (name, phone) VALUES ('Off Shift Officer', '13800000077')");
    api.sql("INSERT INTO person_role (person_id, role, county, point_code) SELECT id, 'duty_officer', 'Test County',"
        + " '' FROM person WHERE phone = '13800000077'");
    api.sql("INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) SELECT 'Test County', id,"
        + " 'duty_officer', now() - INTERVAL '1 hour', now() + INTERVAL '1 hour' FROM person WHERE phone = '"
        + DUTY + "'");

    long id = ok(file(RESPONSIBLE, report("yellow", "bulging"))).getLong("id");

    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE report_id = " + id));
    assertEquals(api.personId(DUTY), api.one("SELECT person_id FROM outbox WHERE report_id = " + id));
  }

  @Test
  void otherCountiesNeitherFileNorSeeReportsAndResidentsSeeOnlyTheirOwn() throws Exception {
    long id = ok(file(MONITOR, report("blue", "unusual_sounds"))).getLong("id");

    assertProblem(file(OTHER_DUTY, report("red", "other")), 404, "not-found");
    assertProblem(api.get("/api/v1/reports/" + id, api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.get("/api/v1/reports/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertEquals(0, ok(api.get("/api/v1/reports", api.token(RESIDENT))).getJsonArray("items").size());
    assertEquals(0, ok(api.get("/api/v1/reports", api.token(OTHER_DUTY))).getJsonArray("items").size());
    assertEquals(0, api.one("SELECT count(*) FROM danger_report WHERE person_id = " + api.personId(OTHER_DUTY)));
    for (String phone : new String[] {DUTY, LEADER, ADMIN, RESPONSIBLE}) {
      assertEquals(201, file(phone, report("blue", "other")).statusCode(), phone);
    }
  }

  @Test
  void raisingAnAlertFromAReportCreatesExactlyOneManualAlert() throws Exception {
    long id = ok(file(MONITOR, report("orange", "crack_widening"))).getLong("id");
    String path = "/api/v1/reports/" + id + "/raise-alert";

    assertProblem(api.post(path, api.token(MONITOR), "{}"), 403, "forbidden");
    assertProblem(api.post(path, api.token(RESIDENT), "{}"), 404, "not-found");
    assertProblem(api.post(path, api.token(OTHER_DUTY), "{}"), 404, "not-found");
    JsonObject raised = ok(api.post(path, api.token(DUTY), "{}"));

    assertEquals("alert_raised", raised.getString("state"));
    long alert = raised.getLong("alert_id");
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE id = " + alert + " AND kind = 'manual'"
        + " AND level = 'orange' AND point_code = '" + POINT + "' AND title LIKE 'Danger report: Test slope%'"));
    assertEquals(1, api.one("SELECT count(*) FROM alert_event WHERE alert_id = " + alert + " AND type = 'raised'"
        + " AND actor = " + api.personId(DUTY)));
    assertTrue(api.one("SELECT count(*) FROM outbox WHERE alert_id = " + alert + " AND purpose = 'notify'") > 0);

    assertProblem(api.post(path, api.token(DUTY), "{}"), 409, "conflict");
    assertProblem(api.post("/api/v1/reports/" + id + "/dismiss", api.token(DUTY), "{\"note\": \"late\"}"), 409,
        "conflict");
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE kind = 'manual' AND id IN (SELECT alert_id FROM"
        + " danger_report WHERE id = " + id + ")"));
    assertEquals(alert, api.one("SELECT alert_id FROM danger_report WHERE id = " + id));
  }

  @Test
  void theDutyRoomMayRaiseAtAnotherLevelWithItsOwnNote() throws Exception {
    long id = ok(file(MONITOR, report("yellow", "falling_rocks"))).getLong("id");
    JsonObject raised = ok(api.post("/api/v1/reports/" + id + "/raise-alert", api.token(LEADER),
        new JsonObject().put("level", "red").put("note", "rocks on the road; evacuate the lower houses").encode()));

    long alert = raised.getLong("alert_id");
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE id = " + alert + " AND level = 'red'"));
    assertEquals(1, api.one("SELECT count(*) FROM alert_event WHERE alert_id = " + alert
        + " AND note = 'rocks on the road; evacuate the lower houses'"));
    assertProblem(api.post("/api/v1/reports/" + id + "/raise-alert", api.token(ADMIN),
        new JsonObject().put("level", "purple").encode()), 400, "invalid-request");
  }

  @Test
  void aDismissedReportKeepsItsNoteAndCannotBeDecidedAgain() throws Exception {
    long id = ok(file(MONITOR, report("blue", "tilting_trees_or_poles"))).getLong("id");
    String dismiss = "/api/v1/reports/" + id + "/dismiss";
    assertProblem(api.post(dismiss, api.token(MONITOR), "{\"note\": \"x\"}"), 403, "forbidden");
    assertProblem(api.post(dismiss, api.token(DUTY), "{}"), 400, "invalid-request");
    assertProblem(api.post(dismiss, api.token(DUTY), "{\"note\": \"x\", \"extra\": 1}"), 400, "invalid-request");

    JsonObject dismissed = ok(api.post(dismiss, api.token(DUTY), "{\"note\": \"old leaning pole, checked\"}"));

    assertEquals("dismissed", dismissed.getString("state"));
    assertEquals("old leaning pole, checked", dismissed.getString("decision_note"));
    assertEquals(api.personId(DUTY), dismissed.getLong("decided_by"));
    assertProblem(api.post(dismiss, api.token(DUTY), "{\"note\": \"again\"}"), 409, "conflict");
    assertProblem(api.post("/api/v1/reports/" + id + "/raise-alert", api.token(DUTY), "{}"), 409, "conflict");
    assertEquals(0, api.one("SELECT count(*) FROM danger_report WHERE id = " + id + " AND alert_id IS NOT NULL"));
  }

  @Test
  void invalidReportsAreRefusedAndStoreNothing() throws Exception {
    long before = api.one("SELECT count(*) FROM danger_report");
    assertProblem(file(MONITOR, report("orange")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("orange", "landslide_now")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("purple", "bulging")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("urgent", true)), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("description", "")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("description", "x".repeat(4001))), 400,
        "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("description", "a\u0000b")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging", "bulging")), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("location", new JsonObject().put("lat", 0)
        .put("lon", 200))), 400, "invalid-request");
    assertProblem(file(MONITOR, report("red", "bulging").put("description", "x".repeat(70_000))), 413,
        "payload-too-large");
    assertProblem(api.get("/api/v1/reports?state=closed", api.token(DUTY)), 400, "invalid-request");
    assertProblem(api.get("/api/v1/reports?cursor=bm9wZQ", api.token(DUTY)), 400, "invalid-cursor");
    assertEquals(before, api.one("SELECT count(*) FROM danger_report"));
    assertEquals(0, api.one("SELECT count(*) FROM outbox WHERE purpose = 'report' AND report_id IS NULL"));
  }

  @Test
  void sqlMetacharactersAreStoredAndReturnedAsText() throws Exception {
    String description = "x'); DELETE FROM danger_report; -- \"quoted\" \\ 裂缝";
    long id = ok(file(MONITOR, report("yellow", "other").put("description", description))).getLong("id");
    assertEquals(description, ok(api.get("/api/v1/reports/" + id, api.token(DUTY))).getString("description"));
    assertEquals(0, ok(api.get("/api/v1/reports?point=%27%20OR%20%27%27%3D%27", api.token(DUTY)))
        .getJsonArray("items").size());
    assertTrue(api.one("SELECT count(*) FROM danger_report") >= 1);
  }

  @Test
  void everyNewReportAndDecisionIsPublishedForTheLiveStream() throws Exception {
    try (Connection listener = api.database().dataSource().getConnection(); Statement s = listener.createStatement()) {
      s.execute("LISTEN geohazard_live");
      long id = ok(file(MONITOR, report("red", "ground_subsidence"))).getLong("id");
      ok(api.post("/api/v1/reports/" + id + "/dismiss", api.token(DUTY), "{\"note\": \"a drain collapsed\"}"));

      List<JsonObject> events = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (events.size() < 2 && System.currentTimeMillis() < deadline) {
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(500);
        for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
          JsonObject event = new JsonObject(n.getParameter());
          if (event.getLong("id") == id) {
            events.add(event);
          }
        }
      }

      assertEquals(2, events.size(), events.toString());
      assertEquals(new JsonObject().put("type", "report").put("id", id).put("point", POINT).put("state", "open")
          .put("level", "red"), events.get(0));
      assertEquals("dismissed", events.get(1).getString("state"));
    }
  }

  private static String text(String sql) throws Exception {
    try (Connection c = api.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  /** A resident's report reaches the duty officers like a monitor's, marked as from the public. */
  @Test
  void aResidentsReportReachesTheDutyOfficerMarkedAsFromThePublic() throws Exception {
    JsonObject report = ok(file(RESIDENT, report("orange", "new_cracks").put("location", new JsonObject()
        .put("lat", 30.6).put("lon", 104.1))));
    long id = report.getLong("id");
    assertTrue(report.getBoolean("from_public"));
    assertEquals(false, ok(file(MONITOR, report("blue", "other"))).getBoolean("from_public"));
    JsonObject payload = new JsonObject(text("SELECT payload::text FROM outbox WHERE report_id = " + id
        + " AND person_id = " + api.personId(DUTY)));
    assertEquals("Danger report from the public: Test slope", payload.getString("title"));
    assertTrue(payload.getBoolean("from_public"));
    assertTrue(ok(api.get("/api/v1/reports/" + id, api.token(DUTY))).getBoolean("from_public"));

    // the resident follows their own report and adds a photo; they still see nobody else's
    assertEquals("open", ok(api.get("/api/v1/reports/" + id, api.token(RESIDENT))).getString("state"));
    byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9Q"
        + "DwADhgGAWjR9awAAAABJRU5ErkJggg==");
    assertEquals(201, api.send(api.request("/api/v1/reports/" + id + "/photos", api.token(RESIDENT))
        .header("Content-Type", "image/png").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)))
        .statusCode());
    assertEquals(1, ok(api.get("/api/v1/reports/" + id, api.token(DUTY))).getJsonArray("photos").size());
    assertEquals(0, ok(api.get("/api/v1/reports", api.token(RESIDENT))).getJsonArray("items").size());

    // at most five an hour from one person
    for (int i = 0; i < 4; i++) {
      ok(file(RESIDENT, report("blue", "other")));
    }
    HttpResponse<String> sixth = file(RESIDENT, report("red", "other"));
    assertProblem(sixth, 429, "too-many-reports");
    assertEquals("3600", sixth.headers().firstValue("Retry-After").orElse(""));
    assertEquals(5, api.one("SELECT count(*) FROM danger_report WHERE from_public AND person_id = "
        + api.personId(RESIDENT)));
  }

  private static JsonObject report(String level, String... signs) {
    return new JsonObject().put("point", POINT).put("signs", new JsonArray(List.of((Object[]) signs)))
        .put("description", "seen on the morning round").put("suggested_level", level);
  }

  private static HttpResponse<String> file(String phone, JsonObject body) throws Exception {
    return api.post("/api/v1/reports", api.token(phone), body.encode());
  }
}
