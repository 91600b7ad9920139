package org.geohazard.api.duty;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drills: started for a point or the deployment, refused twice, stopped; alerts raised meanwhile are drills. */
@Timeout(120)
class DrillTest {
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
  void alertsRaisedDuringAPointDrillAreDrillsUntilItStops() throws Exception {
    String duty = api.token(DUTY);
    HttpResponse<String> started = startDrill(duty, POINT, "flood season exercise");
    assertEquals(201, started.statusCode(), started.body());
    JsonObject drill = new JsonObject(started.body());
    long id = drill.getLong("id");
    assertEquals("/api/v1/drills/" + id, started.headers().firstValue("Location").orElseThrow());
    assertTrue(drill.getBoolean("running"));
    assertEquals("point", drill.getString("scope"));
    assertEquals("Duty Officer", drill.getJsonObject("started_by").getString("name"));
    assertProblem(startDrill(api.token(LEADER), POINT, null), 409, "conflict");
    assertEquals(1, api.one("SELECT count(*) FROM drill WHERE ended_at IS NULL"));

    JsonObject during = raise(duty, "During the drill");
    assertTrue(during.getBoolean("drill"));
    assertTrue(api.one("SELECT count(*) FROM outbox WHERE alert_id = " + during.getLong("id") + " AND drill") > 0);
    String cap = api.get("/api/v1/alerts/" + during.getLong("id") + "/cap", duty).body();
    assertTrue(cap.contains("<status>Exercise</status>"), cap);

    JsonObject stopped = ok(api.post("/api/v1/drills/" + id + "/stop", duty, ""));
    assertFalse(stopped.getBoolean("running"));
    assertEquals(1, stopped.getLong("alerts"));
    assertEquals("Duty Officer", stopped.getJsonObject("ended_by").getString("name"));
    assertProblem(api.post("/api/v1/drills/" + id + "/stop", duty, ""), 409, "conflict");

    JsonObject after = raise(duty, "After the drill");
    assertFalse(after.getBoolean("drill"));
    assertTrue(api.get("/api/v1/alerts/" + after.getLong("id") + "/cap", duty).body()
        .contains("<status>Actual</status>"));
    assertEquals(false, ok(api.get("/api/v1/drills/" + id, duty)).getBoolean("running"));
  }

  @Test
  void onlyAdministratorsRunADeploymentWideDrill() throws Exception {
    String duty = api.token(DUTY);
    String admin = api.token(ADMIN);
    assertProblem(api.post("/api/v1/drills", duty, "{}"), 403, "forbidden");
    JsonObject drill = new JsonObject(api.post("/api/v1/drills", admin, "{\"note\": \"province-wide\"}").body());
    assertEquals("deployment", drill.getString("scope"));
    assertNull(drill.getValue("point"));
    try {
      assertProblem(api.post("/api/v1/drills", admin, "{}"), 409, "conflict");
      assertTrue(raise(duty, "Everywhere is a drill").getBoolean("drill"));
      JsonArray seenByOther = ok(api.get("/api/v1/drills?state=running", api.token(OTHER_DUTY)))
          .getJsonArray("items");
      assertEquals(1, seenByOther.size());
      assertEquals(0, seenByOther.getJsonObject(0).getLong("alerts"), "the other county sees no Test County alert");
      assertProblem(api.post("/api/v1/drills/" + drill.getLong("id") + "/stop", duty, ""), 403, "forbidden");
    } finally {
      assertEquals(200, api.post("/api/v1/drills/" + drill.getLong("id") + "/stop", admin, "").statusCode());
    }
  }

  @Test
  void drillsAreListedNewestFirstWithinTheCallersCounties() throws Exception {
    String admin = api.token(ADMIN);
    long otherCounty = new JsonObject(startDrill(admin, OTHER_POINT, "other").body()).getLong("id");
    long first = new JsonObject(startDrill(admin, POINT, "first").body()).getLong("id");
    api.post("/api/v1/drills/" + first + "/stop", admin, "");
    long second = new JsonObject(startDrill(admin, POINT, "second").body()).getLong("id");
    try {
      JsonObject page = ok(api.get("/api/v1/drills?limit=1", api.token(LEADER)));
      assertEquals(second, page.getJsonArray("items").getJsonObject(0).getLong("id"));
      JsonObject next = ok(api.get("/api/v1/drills?limit=1&cursor=" + page.getString("next_cursor"),
          api.token(LEADER)));
      assertTrue(next.getJsonArray("items").getJsonObject(0).getLong("id") < second);
      for (Object item : ok(api.get("/api/v1/drills?limit=100", api.token(DUTY))).getJsonArray("items")) {
        assertFalse(((JsonObject) item).getLong("id") == otherCounty, "another county's drill is not listed");
      }
      assertEquals(1, ok(api.get("/api/v1/drills?state=running", api.token(DUTY))).getJsonArray("items").size());
      assertProblem(api.get("/api/v1/drills/" + otherCounty, api.token(DUTY)), 404, "not-found");
      assertProblem(api.post("/api/v1/drills/" + otherCounty + "/stop", api.token(DUTY), ""), 404, "not-found");
    } finally {
      api.post("/api/v1/drills/" + second + "/stop", admin, "");
      api.post("/api/v1/drills/" + otherCounty + "/stop", admin, "");
    }
  }

  @Test
  void residentsMonitorsAndOtherCountiesMayNotRunDrillsHere() throws Exception {
    assertProblem(api.get("/api/v1/drills", api.token(RESIDENT)), 403, "forbidden");
    assertProblem(api.get("/api/v1/drills", api.token(MONITOR)), 403, "forbidden");
    assertProblem(startDrill(api.token(MONITOR), POINT, null), 403, "forbidden");
    assertProblem(startDrill(api.token(RESIDENT), POINT, null), 403, "forbidden");
    assertProblem(startDrill(api.token(OTHER_DUTY), POINT, null), 404, "not-found");
    assertProblem(startDrill(api.token(DUTY), "NOWHERE", null), 404, "not-found");
    assertProblem(api.get("/api/v1/drills/999999", api.token(DUTY)), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM drill WHERE ended_at IS NULL"));
  }

  @Test
  void invalidDrillRequestsAreRefusedAndNotesAreStoredAsText() throws Exception {
    String duty = api.token(DUTY);
    assertProblem(api.post("/api/v1/drills", duty, "{\"point\": \"" + POINT + "\", \"level\": \"red\"}"), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/drills", duty, new JsonObject().put("point", POINT).put("note", "n".repeat(501))
        .encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/drills", duty, "{\"point\": 12}"), 400, "invalid-request");
    assertProblem(api.get("/api/v1/drills?state=paused", duty), 400, "invalid-request");
    assertProblem(api.get("/api/v1/drills?cursor=MTIzfDQ1Ng", duty), 400, "invalid-cursor");
    assertProblem(api.post("/api/v1/drills/0/stop", duty, ""), 400, "invalid-request");

    String note = "'; UPDATE drill SET ended_at = now(); --";
    JsonObject drill = new JsonObject(startDrill(duty, POINT, note).body());
    assertEquals(note, drill.getString("note"));
    assertEquals(1, api.one("SELECT count(*) FROM drill WHERE ended_at IS NULL"));
    api.post("/api/v1/drills/" + drill.getLong("id") + "/stop", duty, "");
  }

  private static HttpResponse<String> startDrill(String token, String point, String note) throws Exception {
    JsonObject body = new JsonObject().put("point", point);
    if (note != null) {
      body.put("note", note);
    }
    return api.post("/api/v1/drills", token, body.encode());
  }

  private static JsonObject raise(String token, String title) throws Exception {
    return ok(api.post("/api/v1/alerts", token, new JsonObject().put("point", POINT).put("level", "orange")
        .put("title", title).encode()));
  }
}
