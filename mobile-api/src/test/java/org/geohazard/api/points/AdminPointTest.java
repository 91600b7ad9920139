package org.geohazard.api.points;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators register and change hazard points; others are refused; zones are checked. */
@Timeout(120)
class AdminPointTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static JsonObject square(double lat, double lon, double dDeg) {
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(lon - dDeg).add(lat - dDeg)).add(new JsonArray().add(lon + dDeg).add(lat - dDeg))
        .add(new JsonArray().add(lon + dDeg).add(lat + dDeg)).add(new JsonArray().add(lon - dDeg).add(lat + dDeg))
        .add(new JsonArray().add(lon - dDeg).add(lat - dDeg))));
  }

  static JsonObject point(String code) {
    return new JsonObject().put("code", code).put("name", "North gully").put("type", "debris_flow")
        .put("location", new JsonObject().put("lat", 30.7).put("lon", 104.2)).put("county", "Test County")
        .put("township", "Hill Town").put("village", "Gully Village")
        .put("threatened_zone", square(30.7, 104.2, 0.01)).put("households", 8).put("people", 30)
        .put("property_at_risk", "8 houses; 1.2 million yuan").put("risk_level", "high").put("status", "active")
        .put("evacuation_plan", new JsonObject().put("signal", "three long blasts").put("route", "up the east ridge")
            .put("assembly_point", "threshing ground").put("shelter", "township school")
            .put("contact_phones", new JsonArray().add("13800000001").add("+8613800000003")));
  }

  @Test
  void anAdministratorCreatesAPointAndEveryoneWhoMaySeeItGetsTheZoneAndPlan() throws Exception {
    HttpResponse<String> created = api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000101").encode());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject body = new JsonObject(created.body());
    assertEquals("Polygon", body.getJsonObject("threatened_zone").getString("type"));
    assertEquals("threshing ground", body.getJsonObject("evacuation_plan").getString("assembly_point"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_point WHERE code = '510100000101' AND households = 8"
        + " AND hazard_type = 'debris_flow' AND evacuation_plan->>'shelter' = 'township school'"));

    JsonObject seen = ok(api.get("/api/v1/points/510100000101", api.token(DUTY)));
    assertEquals("Gully Village", seen.getString("village"));
    assertEquals("high", seen.getString("risk_level"));
    assertEquals("up the east ridge", seen.getJsonObject("evacuation_plan").getString("route"));
    assertEquals(0, seen.getJsonArray("devices").size());
    assertProblem(api.get("/api/v1/points/510100000101", api.token(OTHER_DUTY)), 404, "not-found");
    JsonObject registry = ok(api.get("/api/v1/points/" + POINT, api.token(MONITOR)));
    assertEquals(250, registry.getJsonObject("threatened_zone").getInteger("radius_m"));
    assertEquals("siren and gong", registry.getJsonObject("evacuation_plan").getString("signal"));
  }

  @Test
  void aSecondPointWithTheSameCodeIsAConflict() throws Exception {
    assertEquals(201, api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000102").encode())
        .statusCode());
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000102").encode()), 409,
        "conflict");
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN), point(POINT).encode()), 409, "conflict");
  }

  @Test
  void badZonesAreRefusedWithTheReason() throws Exception {
    JsonObject bowtie = point("510100000103").put("threatened_zone", new JsonObject().put("type", "Polygon")
        .put("coordinates", new JsonArray().add(new JsonArray().add(new JsonArray().add(104.2).add(30.7))
            .add(new JsonArray().add(104.21).add(30.71)).add(new JsonArray().add(104.21).add(30.7))
            .add(new JsonArray().add(104.2).add(30.71)).add(new JsonArray().add(104.2).add(30.7)))));
    HttpResponse<String> refused = api.post("/api/v1/admin/points", api.token(ADMIN), bowtie.encode());
    assertProblem(refused, 400, "invalid-zone");
    assertTrue(new JsonObject(refused.body()).getString("detail").contains("self-intersection"), refused.body());
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN),
        point("510100000103").put("threatened_zone", square(31.7, 104.2, 0.01)).encode()), 400, "invalid-zone");
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000103")
        .put("threatened_zone", new JsonObject().put("radius_m", 100).put("type", "Polygon")).encode()), 400,
        "invalid-zone");
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000103")
        .put("threatened_zone", new JsonObject().put("radius_m", 0)).encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", api.token(ADMIN), point("510100000103")
        .put("threatened_zone", new JsonObject().put("radius", 100)).encode()), 400, "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM hazard_point WHERE code = '510100000103'"));
  }

  @Test
  void invalidUnknownAndOversizedBodiesAreProblems() throws Exception {
    String admin = api.token(ADMIN);
    assertProblem(api.post("/api/v1/admin/points", admin, point("510100000104").put("owner", "x").encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", admin, point("510100000104").put("type", "flood").encode()),
        400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", admin, point("510100000104").put("name", "n".repeat(201))
        .encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", admin, point("bad code!").encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", admin, point("510100000104")
        .put("location", new JsonObject().put("lat", 95).put("lon", 104)).encode()), 400, "invalid-request");
    JsonObject noCode = point("510100000104");
    noCode.remove("code");
    assertProblem(api.post("/api/v1/admin/points", admin, noCode.encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/points", admin, point("510100000104")
        .put("property_at_risk", "p".repeat(70_000)).encode()), 413, "payload-too-large");
    assertEquals(0, api.one("SELECT count(*) FROM hazard_point WHERE code = '510100000104'"));
  }

  @Test
  void onlyAdministratorsWriteAndOthersGetForbiddenOrNotFound() throws Exception {
    for (String phone : new String[] {DUTY, MONITOR, RESIDENT}) {
      assertProblem(api.post("/api/v1/admin/points", api.token(phone), point("510100000105").encode()), 403,
          "forbidden");
    }
    JsonObject change = point(POINT).put("name", "Renamed");
    assertProblem(api.put("/api/v1/admin/points/" + POINT, api.token(DUTY), change.encode()), 403, "forbidden");
    assertProblem(api.put("/api/v1/admin/points/" + POINT, api.token(RESIDENT), change.encode()), 403, "forbidden");
    assertProblem(api.put("/api/v1/admin/points/" + POINT, api.token(OTHER_DUTY), change.encode()), 404,
        "not-found");
    assertProblem(api.put("/api/v1/admin/points/510100009999", api.token(ADMIN),
        point("510100009999").encode()), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM hazard_point WHERE name = 'Renamed'"));
  }

  @Test
  void anAdministratorUpdatesAndDelistsAPointWhichStaysInHistory() throws Exception {
    String admin = api.token(ADMIN);
    assertEquals(201, api.post("/api/v1/admin/points", admin, point("510100000106").encode()).statusCode());
    JsonObject change = point("510100000106").put("name", "North gully (treated)").put("status", "delisted")
        .put("threatened_zone", new JsonObject().put("radius_m", 400));
    change.remove("evacuation_plan");
    JsonObject updated = ok(api.put("/api/v1/admin/points/510100000106", admin, change.encode()));
    assertEquals("delisted", updated.getString("status"));
    assertEquals(400, updated.getJsonObject("threatened_zone").getInteger("radius_m"));
    assertEquals(null, updated.getValue("evacuation_plan"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_point WHERE code = '510100000106' AND status = 'delisted'"
        + " AND evacuation_plan IS NULL"));
    assertProblem(api.put("/api/v1/admin/points/510100000106", admin, point("510100000107").encode()), 400,
        "code-mismatch");
  }

  @Test
  void sqlMetacharactersInAttributesAreStoredAndReturnedAsText() throws Exception {
    String name = "Slope'; DROP TABLE hazard_point; --";
    JsonObject body = point("510100000108").put("name", name).put("village", "O'Brien \"quoted\" \\ %_");
    JsonObject created = new JsonObject(api.post("/api/v1/admin/points", api.token(ADMIN), body.encode()).body());
    assertEquals(name, created.getString("name"));
    assertEquals("O'Brien \"quoted\" \\ %_", created.getString("village"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_point WHERE code = '510100000108'"));
    assertTrue(api.one("SELECT count(*) FROM hazard_point") >= 3);
  }
}
