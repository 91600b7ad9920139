package org.geohazard.api.people;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.PASSWORD;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.registry.households.Households;
import org.geohazard.registry.zones.LocalProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Homes decide residents' points; residents read their warnings with guidance; assignments survive recomputing. */
@Timeout(120)
class HouseholdTest {
  /** The test registry's point: 30.6, 104.1 with a 250 m radius zone. */
  private static final LocalProjection AT_POINT = new LocalProjection(30.6, 104.1);
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static JsonObject metresNorth(double metres) {
    return new JsonObject().put("lat", 30.6 + AT_POINT.degreesNorth(metres)).put("lon", 104.1);
  }

  private static long createPerson(String name, String phone, JsonObject home) throws Exception {
    JsonObject body = new JsonObject().put("name", name).put("phone", phone).put("password", PASSWORD);
    if (home != null) {
      body.put("home", home);
    }
    return ok(api.post("/api/v1/admin/people", api.token(ADMIN), body.encode())).getLong("id");
  }

  private static long zoneRoles(long person, String point) throws Exception {
    return api.one("SELECT count(*) FROM person_role WHERE person_id = " + person + " AND role = 'resident'"
        + " AND point_code = '" + point + "' AND origin = 'zone'");
  }

  @Test
  void aHomeInsideTheZoneMakesAResidentAndOneOutsideDoesNot() throws Exception {
    long inside = createPerson("Inside", "13900000101", metresNorth(240));
    long outside = createPerson("Outside", "13900000102", metresNorth(260));
    assertEquals(1, zoneRoles(inside, POINT));
    assertEquals(0, api.one("SELECT count(*) FROM person_role WHERE person_id = " + outside));
  }

  @Test
  void aResidentWhoseHomeInsideTheZoneIsConfirmedSeesThePointsWarningsWithTheirGuidance() throws Exception {
    long person = createPerson("New Resident", "13900000103", null);
    String token = api.token("13900000103");
    assertEquals(0, ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items").size());
    api.sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
        + " ('" + POINT + "', 'manual:90', 'manual', 'orange', 'Cracks in the road'),"
        + " ('" + POINT + "', 'warning', 'warning', 'red', 'Test slope warning'),"
        + " ('" + POINT + "', 'device:LF-T1:offline', 'device', NULL, 'Device LF-T1 is offline')");
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, closed_at) VALUES"
        + " ('" + POINT + "', 'manual:91', 'manual', 'red', 'Closed earlier', now())");

    JsonObject claimed = ok(api.put("/api/v1/me/home", token, metresNorth(100).encode()));
    assertEquals("pending", claimed.getJsonArray("claims").getJsonObject(0).getString("state"));
    ok(api.send(api.request("/api/v1/home-claims/" + POINT + "/" + person + "/confirm", api.token(ADMIN))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())));
    JsonObject home = ok(api.get("/api/v1/me/home", token));
    assertEquals(POINT, home.getJsonArray("points").getJsonObject(0).getString("code"));
    assertEquals("zone", home.getJsonArray("points").getJsonObject(0).getString("origin"));
    assertEquals(1, zoneRoles(person, POINT));

    JsonArray warnings = ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items");
    assertEquals(2, warnings.size(), warnings.encode());
    JsonObject first = warnings.getJsonObject(0);
    assertEquals("red", first.getString("level"));
    assertEquals("orange", warnings.getJsonObject(1).getString("level"));
    assertEquals("siren and gong", first.getJsonObject("guidance").getString("signal"));
    assertEquals("primary school playground", first.getJsonObject("guidance").getString("assembly_point"));
    assertEquals("along the school road to the playground", first.getJsonObject("guidance").getString("route"));
    assertNull(first.getValue("check_in"));

    assertEquals(204, api.post("/api/v1/alerts/" + first.getLong("id") + "/check-in", token,
        new JsonObject().put("status", "evacuated").put("note", "at the school").encode()).statusCode());
    JsonObject checkIn = ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items").getJsonObject(0)
        .getJsonObject("check_in");
    assertEquals("evacuated", checkIn.getString("status"));
    assertEquals("at the school", checkIn.getString("note"));

    JsonObject moved = ok(api.delete("/api/v1/me/home", token));
    assertEquals(0, moved.getJsonArray("points").size());
    assertEquals(0, ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items").size());
  }

  @Test
  void anAssignedPointSurvivesRecomputationAndZoneResidentsFollowTheZone() throws Exception {
    long person = createPerson("Assigned", "13900000104", metresNorth(200));
    assertEquals(1, zoneRoles(person, POINT));
    ok(api.put("/api/v1/admin/people/" + person + "/roles", api.token(ADMIN), new JsonObject().put("roles",
        new JsonArray().add(new JsonObject().put("role", "resident").put("point", OTHER_POINT))).encode()));
    JsonObject registryPoint = ok(api.get("/api/v1/points/" + POINT, api.token(ADMIN)));
    JsonObject shrink = new JsonObject().put("name", registryPoint.getString("name"))
        .put("type", registryPoint.getString("type")).put("location", registryPoint.getJsonObject("location"))
        .put("county", registryPoint.getString("county")).put("threatened_zone", new JsonObject().put("radius_m", 150))
        .put("evacuation_plan", registryPoint.getJsonObject("evacuation_plan"));
    ok(api.put("/api/v1/admin/points/" + POINT, api.token(ADMIN), shrink.encode()));
    assertEquals(0, zoneRoles(person, POINT));
    assertEquals(1, api.one("SELECT count(*) FROM person_role WHERE person_id = " + person
        + " AND point_code = '" + OTHER_POINT + "' AND origin = 'assigned'"));
    assertEquals(1, api.one("SELECT count(*) FROM person_role r JOIN person p ON p.id = r.person_id"
        + " WHERE p.phone = '" + RESIDENT + "' AND r.point_code = '" + POINT + "' AND r.origin = 'assigned'"));

    ok(api.put("/api/v1/admin/points/" + POINT, api.token(ADMIN),
        shrink.put("threatened_zone", new JsonObject().put("radius_m", 250)).encode()));
    assertEquals(1, zoneRoles(person, POINT));
    ok(api.put("/api/v1/admin/people/" + person + "/roles", api.token(ADMIN), new JsonObject().put("roles",
        new JsonArray().add(new JsonObject().put("role", "resident").put("point", POINT))).encode()));
    assertEquals(1, api.one("SELECT count(*) FROM person_role WHERE person_id = " + person
        + " AND point_code = '" + POINT + "' AND origin = 'assigned'"));
    ok(api.put("/api/v1/admin/people/" + person + "/roles", api.token(ADMIN),
        new JsonObject().put("roles", new JsonArray()).encode()));
    assertEquals(1, zoneRoles(person, POINT));
  }

  @Test
  void homesOutOfRangeOrWithUnknownFieldsAreRefused() throws Exception {
    String token = api.token(RESIDENT);
    assertProblem(api.put("/api/v1/me/home", token, new JsonObject().put("lat", 91).put("lon", 104).encode()), 400,
        "invalid-request");
    assertProblem(api.put("/api/v1/me/home", token, metresNorth(10).put("floor", 2).encode()), 400,
        "invalid-request");
    assertProblem(api.put("/api/v1/me/home", token, "{\"lat\": \"north\", \"lon\": 1}"), 400, "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '" + RESIDENT
        + "' AND home_latitude IS NOT NULL"));
  }

  @Test
  void aRegistryImportKeepsTheResidentsItsZonesHold() throws Exception {
    long person = createPerson("Imported Again", "13900000109", metresNorth(120));
    assertEquals(1, zoneRoles(person, POINT));
    try (java.sql.Connection c = api.database().dataSource().getConnection()) {
      org.geohazard.registry.RegistrySpec spec = org.geohazard.registry.RegistryFileParser.parse("""
          people:
            - {name: Imported Again, phone: "13900000109", roles: []}
          """);
      org.geohazard.storage.Database.inTransaction(c, tx -> {
        org.geohazard.registry.RegistryImporter.importSpec(tx, spec);
        try (var s = tx.createStatement(); var r = s.executeQuery("SELECT count(*) FROM person_role WHERE person_id = "
            + person)) {
          r.next();
          assertEquals(0, r.getLong(1), "the import rewrote the person's roles");
        }
        Households.recomputeImported(tx, java.util.List.of(POINT), java.util.List.of("13900000109"));
        return null;
      });
    }
    assertEquals(1, zoneRoles(person, POINT));
  }
}
