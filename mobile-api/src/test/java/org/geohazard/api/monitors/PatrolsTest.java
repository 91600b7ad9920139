package org.geohazard.api.monitors;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Patrol records through real HTTP and a real database: who may record and read them, validation, paging. */
@Timeout(120)
class PatrolsTest {
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
  void monitorRecordsAPatrolThatTheDutyOfficerReads() throws Exception {
    String at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
    JsonObject patrol = ok(create(MONITOR, new JsonObject().put("point", POINT).put("patrolled_at", at)
        .put("findings", "new crack 2 m above the road, about 5 mm wide").put("abnormal", true)
        .put("location", new JsonObject().put("lat", 30.601).put("lon", 104.102))));

    assertEquals(at, patrol.getString("patrolled_at"));
    assertEquals("Test slope", patrol.getString("point_name"));
    assertEquals("Monitor", patrol.getJsonObject("patroller").getString("name"));
    assertEquals(30.601, patrol.getJsonObject("location").getDouble("lat"));
    assertEquals(1, api.one("SELECT count(*) FROM patrol WHERE id = " + patrol.getLong("id")
        + " AND abnormal AND person_id = " + api.personId(MONITOR)));

    JsonObject page = ok(api.get("/api/v1/patrols?point=" + POINT, api.token(DUTY)));
    assertTrue(ids(page).contains(patrol.getLong("id")));
    JsonObject read = ok(api.get("/api/v1/patrols/" + patrol.getLong("id"), api.token(DUTY)));
    assertEquals("new crack 2 m above the road, about 5 mm wide", read.getString("findings"));
    assertEquals(0, read.getJsonArray("photos").size());
    ok(api.get("/api/v1/patrols/" + patrol.getLong("id"), api.token(LEADER)));
  }

  @Test
  void residentsAndOtherCountiesCannotReadPatrols() throws Exception {
    long id = ok(create(MONITOR, patrol(POINT, "all quiet"))).getLong("id");

    assertProblem(api.get("/api/v1/patrols?point=" + POINT, api.token(RESIDENT)), 403, "forbidden");
    assertProblem(api.get("/api/v1/patrols/" + id, api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.get("/api/v1/patrols?point=" + POINT, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/patrols/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/patrols?point=NOWHERE", api.token(DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/patrols/999999", api.token(DUTY)), 404, "not-found");
  }

  @Test
  void onlyThePointsMonitorsResponsiblePersonsAndAdministratorsRecordPatrols() throws Exception {
    assertEquals(201, create(RESPONSIBLE, patrol(POINT, "drains clear")).statusCode());
    assertEquals(201, create(ADMIN, patrol(OTHER_POINT, "inspection visit")).statusCode());

    long before = api.one("SELECT count(*) FROM patrol");
    assertProblem(create(DUTY, patrol(POINT, "x")), 403, "forbidden");
    assertProblem(create(LEADER, patrol(POINT, "x")), 403, "forbidden");
    assertProblem(create(RESIDENT, patrol(POINT, "x")), 403, "forbidden");
    assertProblem(create(OTHER_DUTY, patrol(POINT, "x")), 404, "not-found");
    assertProblem(create(MONITOR, patrol(OTHER_POINT, "x")), 404, "not-found");
    assertProblem(create(MONITOR, patrol("NOWHERE", "x")), 404, "not-found");
    assertEquals(before, api.one("SELECT count(*) FROM patrol"));
  }

  @Test
  void aPatrolIsDatedNowByDefaultAndNotInTheFuture() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    JsonObject patrol = ok(create(MONITOR, patrol(POINT, "dated by the server")));
    Instant at = Instant.parse(patrol.getString("patrolled_at"));
    assertTrue(!at.isBefore(before) && at.isBefore(Instant.now().plusSeconds(1)), at.toString());

    assertEquals(201, create(MONITOR, patrol(POINT, "clock a bit ahead")
        .put("patrolled_at", Instant.now().plus(Duration.ofMinutes(2)).toString())).statusCode());
    assertProblem(create(MONITOR, patrol(POINT, "x")
        .put("patrolled_at", Instant.now().plus(Duration.ofHours(1)).toString())), 400, "invalid-time");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("patrolled_at", "1900-01-01T00:00:00Z")), 400,
        "invalid-time");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("patrolled_at", "yesterday")), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("patrolled_at", "2025-07-01T10:00:00")), 400,
        "invalid-request");
  }

  @Test
  void patrolsArePagedNewestFirstWithinARange() throws Exception {
    Instant base = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(ok(create(MONITOR, patrol(POINT, "round " + i)
          .put("patrolled_at", base.plus(Duration.ofMinutes(i)).toString()))).getLong("id"));
    }
    String range = "&from=" + base.minusSeconds(1) + "&to=" + base.plus(Duration.ofMinutes(10));
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = ok(api.get("/api/v1/patrols?point=" + POINT + "&limit=2" + range
          + (cursor == null ? "" : "&cursor=" + cursor), api.token(DUTY)));
      seen.addAll(ids(page));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertEquals(List.of(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0)), seen);
    assertProblem(api.get("/api/v1/patrols?point=" + POINT + "&cursor=bm90LWEtY3Vyc29y", api.token(DUTY)), 400,
        "invalid-cursor");
    assertProblem(api.get("/api/v1/patrols?point=" + POINT + "&from=" + base + "&to=" + base, api.token(DUTY)),
        400, "invalid-range");
    assertProblem(api.get("/api/v1/patrols?point=" + POINT + "&limit=500", api.token(DUTY)), 400,
        "invalid-request");
    assertProblem(api.get("/api/v1/patrols", api.token(DUTY)), 400, "invalid-request");
  }

  @Test
  void invalidUnknownAndOversizedBodiesAreRefused() throws Exception {
    long before = api.one("SELECT count(*) FROM patrol");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("weather", "rain")), 400, "invalid-request");
    assertProblem(create(MONITOR, new JsonObject().put("point", POINT).put("findings", "x")), 400,
        "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "")), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x".repeat(4001))), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("abnormal", "yes")), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("location", new JsonObject().put("lat", 91).put("lon", 0))),
        400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x").put("location", new JsonObject().put("lat", 30))), 400,
        "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "nul \u0000 inside")), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol("x".repeat(65), "x")), 400, "invalid-request");
    assertProblem(api.post("/api/v1/patrols", api.token(MONITOR), "{not json"), 400, "invalid-request");
    assertProblem(create(MONITOR, patrol(POINT, "x".repeat(70_000))), 413, "payload-too-large");
    assertProblem(api.get("/api/v1/patrols/abc", api.token(DUTY)), 400, "invalid-request");
    assertProblem(api.post("/api/v1/patrols", null, patrol(POINT, "x").encode()), 401, "unauthorized");
    assertEquals(before, api.one("SELECT count(*) FROM patrol"));
  }

  @Test
  void sqlMetacharactersAreStoredAndReturnedAsText() throws Exception {
    String findings = "'); DROP TABLE patrol; -- \" \\ %_ $$ 滑坡";
    JsonObject patrol = ok(create(MONITOR, patrol(POINT, findings)));
    assertEquals(findings, ok(api.get("/api/v1/patrols/" + patrol.getLong("id"), api.token(DUTY)))
        .getString("findings"));
    assertEquals(1, api.one("SELECT count(*) FROM patrol WHERE findings = '" + findings.replace("'", "''") + "'"));
    assertProblem(api.get("/api/v1/patrols?point=%27%20OR%201%3D1%20--", api.token(DUTY)), 404, "not-found");
  }

  @Test
  void aPatrolWithoutLocationHasNone() throws Exception {
    JsonObject patrol = ok(create(MONITOR, patrol(POINT, "walked the lower road")));
    assertNull(patrol.getValue("location"));
    assertFalse(patrol.getBoolean("abnormal"));
  }

  private static JsonObject patrol(String point, String findings) {
    return new JsonObject().put("point", point).put("findings", findings).put("abnormal", false);
  }

  private static HttpResponse<String> create(String phone, JsonObject body) throws Exception {
    return api.post("/api/v1/patrols", api.token(phone), body.encode());
  }

  private static List<Long> ids(JsonObject page) {
    JsonArray items = page.getJsonArray("items");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(items.getJsonObject(i).getLong("id"));
    }
    return ids;
  }
}
