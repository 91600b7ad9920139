package org.geohazard.api.zones;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
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
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.registry.zones.LocalProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hazard query over points laid out around a site at 31.0, 105.0: A at the site (radius 100 m), B 1 km north
 * (no zone), C 3 km east (a square zone 600 m each side of it, so its west edge is 2.4 km east), D 10 km north,
 * E delisted 500 m south, F 500 m west in Other County.
 */
@Timeout(120)
class HazardQueryTest {
  private static final double LAT = 31.0;
  private static final double LON = 105.0;
  private static final LocalProjection SITE = new LocalProjection(LAT, LON);
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    insert("HQ-A", 0, 0, "Test County", "active", "{\"radius_m\": 100}");
    insert("HQ-B", 1000, 0, "Test County", "active", null);
    JsonObject square = square(3000, 600, 600);
    insert("HQ-C", 0, 3000, "Test County", "active", square.encode());
    insert("HQ-D", 10_000, 0, "Test County", "active", "{\"radius_m\": 200}");
    insert("HQ-E", -500, 0, "Test County", "delisted", "{\"radius_m\": 100}");
    insert("HQ-F", 0, -500, "Other County", "active", "{\"radius_m\": 100}");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static void insert(String code, double north, double east, String county, String status, String zone)
      throws Exception {
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, status, threatened_zone)"
        + " VALUES ('" + code + "', 'Point " + code + "', 'landslide', " + (LAT + SITE.degreesNorth(north)) + ", "
        + (LON + SITE.degreesEast(east)) + ", '" + county + "', '" + status + "', "
        + (zone == null ? "NULL" : "'" + zone + "'") + ")");
  }

  /** A square with its centre {@code east} metres east of the site and the given half sides. */
  private static JsonObject square(double east, double halfEast, double halfNorth) {
    double w = LON + SITE.degreesEast(east - halfEast);
    double e = LON + SITE.degreesEast(east + halfEast);
    double s = LAT + SITE.degreesNorth(-halfNorth);
    double n = LAT + SITE.degreesNorth(halfNorth);
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(w).add(s)).add(new JsonArray().add(e).add(s)).add(new JsonArray().add(e).add(n))
        .add(new JsonArray().add(w).add(n)).add(new JsonArray().add(w).add(s))));
  }

  private static JsonObject near(double distance) {
    return new JsonObject().put("location", new JsonObject().put("lat", LAT).put("lon", LON))
        .put("distance_m", distance);
  }

  private static JsonArray query(String phone, JsonObject body) throws Exception {
    return ok(api.post("/api/v1/hazard-query", api.token(phone), body.encode())).getJsonArray("items");
  }

  private static List<String> codes(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("code")).toList();
  }

  @Test
  void aQueryByDistanceFindsExactlyThePointsWhoseLocationOrZoneIsWithinIt() throws Exception {
    JsonArray near = query(DUTY, near(1500));
    assertEquals(List.of("HQ-A", "HQ-B"), codes(near));
    JsonObject a = near.getJsonObject(0);
    assertEquals(0, a.getDouble("distance_m"), 0.1);
    assertEquals(0, a.getDouble("zone_distance_m"));
    assertTrue(a.getBoolean("zone_hit"));
    JsonObject b = near.getJsonObject(1);
    assertEquals(1000, b.getDouble("distance_m"), 1.0);
    assertNull(b.getValue("zone_distance_m"));
    assertFalse(b.getBoolean("zone_hit"));

    JsonArray wider = query(DUTY, near(2500));
    assertEquals(List.of("HQ-A", "HQ-B", "HQ-C"), codes(wider));
    JsonObject c = wider.getJsonObject(2);
    assertEquals(2400, c.getDouble("zone_distance_m"), 1.0);
    assertEquals(3000, c.getDouble("distance_m"), 1.0);
    assertTrue(c.getBoolean("zone_hit"));
    assertFalse(c.getBoolean("location_hit"));
  }

  @Test
  void delistedPointsAndOtherCountiesAppearOnlyForThoseWhoAskOrMaySee() throws Exception {
    assertEquals(List.of("HQ-A", "HQ-E", "HQ-B"), codes(query(LEADER, near(1100).put("include_delisted", true))));
    assertEquals(List.of("HQ-A", "HQ-F", "HQ-B"), codes(query(ADMIN, near(1100))));
    assertEquals(List.of(), codes(query(RESPONSIBLE, near(1100))));
  }

  @Test
  void aQueryByPolygonFindsThePointsWhoseZoneItTouches() throws Exception {
    JsonObject site = square(2450, 100, 100);
    JsonArray hits = query(DUTY, new JsonObject().put("polygon", site));
    assertEquals(List.of("HQ-C"), codes(hits));
    assertTrue(hits.getJsonObject(0).getBoolean("zone_hit"));
    assertEquals(450, hits.getJsonObject(0).getDouble("distance_m"), 1.0);
    JsonArray all = query(DUTY, new JsonObject().put("polygon", square(1200, 1300, 1100)));
    assertEquals(List.of("HQ-A", "HQ-B", "HQ-C"), codes(all));
    assertTrue(all.getJsonObject(1).getBoolean("location_hit"));
    assertFalse(all.getJsonObject(2).getBoolean("location_hit"));
    assertEquals(List.of("HQ-A"), codes(query(DUTY, new JsonObject().put("polygon", square(250, 100, 100))
        .put("distance_m", 60))));
  }

  @Test
  void resultsComePageByPage() throws Exception {
    String duty = api.token(DUTY);
    JsonObject first = ok(api.post("/api/v1/hazard-query?limit=2", duty, near(2500).encode()));
    assertEquals(List.of("HQ-A", "HQ-B"), codes(first.getJsonArray("items")));
    JsonObject second = ok(api.post("/api/v1/hazard-query?limit=2&cursor=" + first.getString("next_cursor"), duty,
        near(2500).encode()));
    assertEquals(List.of("HQ-C"), codes(second.getJsonArray("items")));
    assertNull(second.getValue("next_cursor"));
    assertProblem(api.post("/api/v1/hazard-query?cursor=bm9wZQ", duty, near(2500).encode()), 400,
        "invalid-cursor");
  }

  /** Each query is recorded once (not again for its further pages), with its project and the asker's county. */
  @Test
  void aQueryIsRecordedWithItsProjectForTheYear() throws Exception {
    String duty = api.token(DUTY);
    long before = api.one("SELECT count(*) FROM hazard_assessment_query");
    JsonObject first = ok(api.post("/api/v1/hazard-query?limit=2", duty, near(2500)
        .put("project", "Village school extension").encode()));
    ok(api.post("/api/v1/hazard-query?limit=2&cursor=" + first.getString("next_cursor"), duty, near(2500)
        .put("project", "Village school extension").encode()));
    assertEquals(before + 1, api.one("SELECT count(*) FROM hazard_assessment_query"));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_assessment_query WHERE project = 'Village school extension'"
        + " AND county = 'Test County' AND points_found = 3 AND person_id = " + api.personId(DUTY)
        + " AND query->>'distance_m' = '2500.0' AND NOT query ? 'project'"));
    ok(api.post("/api/v1/hazard-query", api.token(ADMIN), near(100).encode()));
    assertEquals(1, api.one("SELECT count(*) FROM hazard_assessment_query WHERE county IS NULL AND project IS NULL"
        + " AND person_id = " + api.personId(ADMIN)), "an administrator's query belongs to no county");
  }

  @Test
  void residentsAndMonitorsMayNotQuery() throws Exception {
    assertProblem(api.post("/api/v1/hazard-query", api.token(RESIDENT), near(1000).encode()), 403, "forbidden");
    assertProblem(api.post("/api/v1/hazard-query", api.token(MONITOR), near(1000).encode()), 403, "forbidden");
  }

  @Test
  void badQueriesAreRefusedWithTheReason() throws Exception {
    String duty = api.token(DUTY);
    JsonObject bowtie = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(105.0).add(31.0)).add(new JsonArray().add(105.01).add(31.01))
        .add(new JsonArray().add(105.01).add(31.0)).add(new JsonArray().add(105.0).add(31.01))
        .add(new JsonArray().add(105.0).add(31.0))));
    assertProblem(api.post("/api/v1/hazard-query", duty, new JsonObject().put("polygon", bowtie).encode()), 400,
        "invalid-polygon");
    assertProblem(api.post("/api/v1/hazard-query", duty, new JsonObject().put("polygon", square(0, 40_000, 40_000))
        .encode()), 400, "invalid-polygon");
    assertProblem(api.post("/api/v1/hazard-query", duty, near(100).put("polygon", square(0, 10, 10)).encode()), 400,
        "invalid-query");
    assertProblem(api.post("/api/v1/hazard-query", duty, new JsonObject().put("location", new JsonObject()
        .put("lat", LAT).put("lon", LON)).encode()), 400, "invalid-query");
    assertProblem(api.post("/api/v1/hazard-query", duty, "{}"), 400, "invalid-query");
    assertProblem(api.post("/api/v1/hazard-query", duty, near(60_000).encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/hazard-query", duty, near(100).put("radius", 1).encode()), 400,
        "invalid-request");
    assertProblem(api.post("/api/v1/hazard-query", duty, new JsonObject().put("polygon", new JsonObject()
        .put("type", "Polygon").put("coordinates", "'; DROP TABLE hazard_point; --")).encode()), 400,
        "invalid-request");
    assertEquals(8, api.one("SELECT count(*) FROM hazard_point"));
  }
}
