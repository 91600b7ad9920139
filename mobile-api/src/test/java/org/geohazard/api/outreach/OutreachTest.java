package org.geohazard.api.outreach;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Training and outreach sessions through real HTTP and a real database: who records and reads them, the totals. */
@Timeout(120)
class OutreachTest {
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
  void aCountysSessionsAreCountedWithTheVillagesTheyReached() throws Exception {
    ok(create(DUTY, session("Test County", "training", "2023-05-10", 35, "Upper village", "Lower village")));
    ok(create(DUTY, session("Test County", "outreach", "2023-06-02", 120, "Upper village", "River village")));
    ok(create(DUTY, session("Test County", "outreach", "2022-06-02", 80, "Old village")));
    ok(create(OTHER_DUTY, session("Other County", "outreach", "2023-06-03", 60, "Far village")));

    JsonObject year = ok(api.get("/api/v1/outreach?year=2023", api.token(LEADER)));
    assertEquals(2, year.getJsonArray("items").size());
    assertEquals(2, year.getLong("sessions"));
    assertEquals(155, year.getLong("attendance"));
    assertEquals(3, year.getLong("villages"), "Upper village is counted once");
    assertEquals("2023-06-02", year.getJsonArray("items").getJsonObject(0).getString("held_on"));

    JsonObject outreach = ok(api.get("/api/v1/outreach?year=2023&kind=outreach", api.token(ADMIN)));
    assertEquals(2, outreach.getLong("sessions"), "both counties' outreach for the administrator");
    assertEquals(0, ok(api.get("/api/v1/outreach", api.token(RESIDENT))).getLong("sessions"));
    assertEquals(0, ok(api.get("/api/v1/outreach", api.token(MONITOR))).getLong("sessions"));
    assertEquals(1, ok(api.get("/api/v1/outreach?year=2023", api.token(OTHER_DUTY))).getLong("sessions"));
  }

  @Test
  void onlyTheCountysDutyOfficersRecordAndCorrectItsSessions() throws Exception {
    long id = ok(create(DUTY, session("Test County", "training", "2025-03-01", 20, "Upper village"))).getLong("id");
    JsonObject corrected = ok(api.put("/api/v1/outreach/" + id, api.token(DUTY),
        session("Test County", "training", "2025-03-01", 22, "Upper village").encode()));
    assertEquals(22, corrected.getInteger("attendance"));

    assertProblem(create(LEADER, session("Test County", "training", "2025-03-01", 5)), 403, "forbidden");
    assertProblem(create(DUTY, session("Other County", "training", "2025-03-01", 5)), 403, "forbidden");
    assertProblem(api.put("/api/v1/outreach/" + id, api.token(LEADER),
        session("Test County", "training", "2025-03-01", 5).encode()), 403, "forbidden");
    assertProblem(api.get("/api/v1/outreach/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.put("/api/v1/outreach/" + id, api.token(OTHER_DUTY),
        session("Test County", "training", "2025-03-01", 5).encode()), 404, "not-found");
    String tomorrowButOne = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    assertProblem(create(DUTY, session("Test County", "training", tomorrowButOne, 5)), 400, "invalid-date");
    assertProblem(create(DUTY, session("Test County", "training", "2025-03-01", -1)), 400, "invalid-request");
    assertEquals(1, api.one("SELECT count(*) FROM outreach_session WHERE county = 'Test County'"
        + " AND held_on = '2025-03-01'"));
  }

  private static HttpResponse<String> create(String phone, JsonObject session) throws Exception {
    return api.post("/api/v1/outreach", api.token(phone), session.encode());
  }

  private static JsonObject session(String county, String kind, String heldOn, int attendance, String... villages) {
    return new JsonObject().put("county", county).put("kind", kind).put("title", "Spotting the signs of a slide")
        .put("place", "Township hall").put("held_on", heldOn).put("attendance", attendance)
        .put("villages", new JsonArray(java.util.List.of((Object[]) villages)));
  }
}
