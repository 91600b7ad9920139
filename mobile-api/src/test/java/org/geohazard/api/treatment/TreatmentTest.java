package org.geohazard.api.treatment;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Engineering treatment and strike-off through real HTTP and a real database: a project moves from design to
 * acceptance, the point is struck off with its evidence and delisted, and who may do and see each.
 */
@Timeout(120)
class TreatmentTest {
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
  void aProjectIsAcceptedAndThePointStruckOffStaysInHistory() throws Exception {
    String code = point("510100000201", "Test County");
    JsonObject project = ok(create(DUTY, project(code, "design").put("started_on", "2024-03-01")));
    assertEquals("design", project.getString("stage"));
    long id = project.getLong("id");
    JsonObject accepted = ok(api.put("/api/v1/treatments/" + id, api.token(DUTY),
        project(code, "accepted").put("started_on", "2024-03-01").put("completed_on", "2024-09-30")
            .put("accepted_on", "2024-11-15").put("acceptance", "Wall and drains as designed").put("funds_yuan",
                1_200_000).encode()));
    assertEquals("2024-11-15", accepted.getString("accepted_on"));
    assertEquals(1_200_000, accepted.getLong("funds_yuan"));
    assertEquals("Test County", accepted.getString("county"));

    JsonObject struck = ok(strikeOff(DUTY, code, strike("treated", id, "2024-12-01")));
    assertEquals("delisted", struck.getString("point_status"));
    assertEquals(id, struck.getLong("treatment_id"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_point WHERE code = '" + code + "' AND status = 'delisted'"));
    assertProblem(strikeOff(DUTY, code, strike("treated", id, "2024-12-02")), 409, "conflict");

    assertEquals(1, ok(api.get("/api/v1/strike-offs?year=2024", api.token(LEADER))).getJsonArray("items").size());
    assertEquals(0, ok(api.get("/api/v1/strike-offs?year=2023", api.token(LEADER))).getJsonArray("items").size());
    assertEquals(0, ok(api.get("/api/v1/strike-offs", api.token(OTHER_DUTY))).getJsonArray("items").size());
    JsonObject listed = ok(api.get("/api/v1/treatments?point=" + code + "&stage=accepted", api.token(LEADER)));
    assertEquals(id, listed.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertEquals("delisted", ok(api.get("/api/v1/points/" + code, api.token(ADMIN))).getString("status"),
        "the struck-off point stays, delisted");
  }

  @Test
  void onlyTheCountysDutyRoomRecordsAndThePointsPeopleSee() throws Exception {
    long id = ok(create(DUTY, project(POINT, "construction"))).getLong("id");
    assertEquals(id, ok(api.get("/api/v1/treatments/" + id, api.token(MONITOR))).getLong("id"));
    assertProblem(create(LEADER, project(POINT, "design")), 403, "forbidden");
    assertProblem(create(MONITOR, project(POINT, "design")), 403, "forbidden");
    assertProblem(create(OTHER_DUTY, project(POINT, "design")), 404, "not-found");
    assertProblem(create(RESIDENT, project(POINT, "design")), 404, "not-found");
    assertProblem(api.get("/api/v1/treatments/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/treatments/" + id, api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.put("/api/v1/treatments/" + id, api.token(LEADER), project(POINT, "completed").encode()),
        403, "forbidden");
    assertProblem(strikeOff(LEADER, POINT, strike("stabilized", null, "2025-01-01")), 403, "forbidden");
    assertProblem(strikeOff(OTHER_DUTY, POINT, strike("stabilized", null, "2025-01-01")), 404, "not-found");
    assertProblem(create(DUTY, project("no-such-point", "design")), 404, "not-found");
    assertEquals(1, api.one("SELECT count(*) FROM treatment_project WHERE point_code = '" + POINT + "'"));
    assertEquals(0, api.one("SELECT count(*) FROM point_strike_off WHERE point_code = '" + POINT + "'"));
  }

  @Test
  void datesMustFollowOneAnotherAndAProjectMustBeThePointsOwn() throws Exception {
    String code = point("510100000202", "Test County");
    assertProblem(create(DUTY, project(code, "accepted")), 400, "invalid-dates");
    assertProblem(create(DUTY, project(code, "completed").put("started_on", "2024-05-01")
        .put("completed_on", "2024-04-01")), 400, "invalid-dates");
    assertProblem(create(DUTY, project(code, "design").put("started_on", "2999-01-01")), 400, "invalid-date");
    long elsewhere = ok(create(DUTY, project(POINT, "accepted").put("accepted_on", "2024-01-10"))).getLong("id");
    assertProblem(strikeOff(DUTY, code, strike("treated", elsewhere, "2024-12-01")), 400, "unknown-treatment");
    assertProblem(strikeOff(DUTY, code, new JsonObject().put("reason", "treated")), 400, "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM treatment_project WHERE point_code = '" + code + "'"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_point WHERE code = '" + code + "' AND status = 'active'"));
  }

  @Test
  void aPointTheFileOwnsIsStruckOffOnlyOnceTheFileDelistsIt() throws Exception {
    String code = point("510100000203", "Test County");
    api.sql("INSERT INTO registry_owned (kind, key, file) VALUES ('point', '" + code + "', 'registry.yaml')");
    assertProblem(strikeOff(DUTY, code, strike("relocated", null, "2025-02-01")), 409, "owned-by-file");
    assertEquals(0, api.one("SELECT count(*) FROM point_strike_off WHERE point_code = '" + code + "'"));

    api.sql("UPDATE hazard_point SET status = 'delisted' WHERE code = '" + code + "'");
    JsonObject struck = ok(strikeOff(DUTY, code, strike("relocated", null, "2025-02-01")));
    assertEquals("relocated", struck.getString("reason"));
    assertEquals("People moved to the new village; survey of 2025-01-20", struck.getString("evidence"));
  }

  private static String point(String code, String county) throws Exception {
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county)"
        + " VALUES ('" + code + "', 'Slope " + code + "', 'landslide', 30.6, 104.1, '" + county + "')");
    return code;
  }

  private static HttpResponse<String> create(String phone, JsonObject project) throws Exception {
    return api.post("/api/v1/treatments", api.token(phone), project.encode());
  }

  private static HttpResponse<String> strikeOff(String phone, String code, JsonObject body) throws Exception {
    return api.post("/api/v1/points/" + code + "/strike-off", api.token(phone), body.encode());
  }

  static JsonObject project(String point, String stage) {
    return new JsonObject().put("point", point).put("name", "Retaining wall and drains").put("method", "wall")
        .put("stage", stage);
  }

  static JsonObject strike(String reason, Long treatment, String on) {
    return new JsonObject().put("reason", reason)
        .put("evidence", "People moved to the new village; survey of 2025-01-20").put("treatment_id", treatment)
        .put("struck_off_on", on);
  }
}
