package org.geohazard.api.houses;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The at-risk houses register and its inspections through real HTTP and a real database: who may do what. */
@Timeout(120)
class HouseRegisterTest {
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
  void theDutyOfficerRegistersACutSlopeHouseThatItsPointsMonitorInspects() throws Exception {
    JsonObject house = ok(create(DUTY, house("Test County", POINT).put("measures", "retaining wall planned")));
    long id = house.getLong("id");
    assertEquals("cut_slope", house.getString("kind"));
    assertEquals(POINT, house.getString("point"));
    assertNull(house.getValue("last_inspection"));
    assertEquals(1, api.one("SELECT count(*) FROM at_risk_house WHERE id = " + id + " AND created_by = "
        + api.personId(DUTY)));

    JsonObject inspection = ok(api.post("/api/v1/houses/" + id + "/inspections", api.token(MONITOR),
        new JsonObject().put("findings", "new crack in the back wall, 3 mm").put("danger_found", true).encode()));
    assertEquals("Monitor", inspection.getJsonObject("inspector").getString("name"));
    assertEquals(id, inspection.getLong("house"));

    JsonObject read = ok(api.get("/api/v1/houses/" + id, api.token(LEADER)));
    assertEquals(inspection.getLong("id"), read.getJsonObject("last_inspection").getLong("id"));
    assertTrue(read.getJsonObject("last_inspection").getBoolean("danger_found"));
    assertEquals(1, ok(api.get("/api/v1/houses/" + id + "/inspections", api.token(DUTY))).getJsonArray("items")
        .size());

    JsonObject changed = ok(api.put("/api/v1/houses/" + id, api.token(DUTY),
        house("Test County", POINT).put("risk_grade", "medium").put("measures", "wall built").encode()));
    assertEquals("medium", changed.getString("risk_grade"));
    assertEquals("wall built", changed.getString("measures"));
  }

  @Test
  void eachSeesTheHousesOfTheirScopeOnly() throws Exception {
    long here = ok(create(DUTY, house("Test County", null))).getLong("id");
    long there = ok(create(OTHER_DUTY, house("Other County", OTHER_POINT))).getLong("id");

    List<Long> mine = ids(ok(api.get("/api/v1/houses?county=Test%20County", api.token(LEADER))));
    assertTrue(mine.contains(here) && !mine.contains(there), mine.toString());
    List<Long> all = ids(ok(api.get("/api/v1/houses?limit=200", api.token(ADMIN))));
    assertTrue(all.contains(here) && all.contains(there), all.toString());
    assertTrue(!ids(ok(api.get("/api/v1/houses", api.token(OTHER_DUTY)))).contains(here));
    assertEquals(List.of(), ids(ok(api.get("/api/v1/houses", api.token(RESIDENT)))));

    assertProblem(api.get("/api/v1/houses/" + here, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/houses/" + here, api.token(MONITOR)), 404, "not-found"); // not of its point
    assertProblem(api.post("/api/v1/houses/" + here + "/inspections", api.token(RESIDENT),
        new JsonObject().put("findings", "x").put("danger_found", false).encode()), 404, "not-found");
    assertProblem(api.put("/api/v1/houses/" + here, api.token(LEADER), house("Test County", null).encode()), 403,
        "forbidden");
    assertProblem(create(LEADER, house("Test County", null)), 403, "forbidden");
    assertProblem(create(DUTY, house("Other County", null)), 403, "forbidden");
    assertProblem(api.put("/api/v1/houses/" + here, api.token(DUTY), house("Other County", null).encode()), 403,
        "forbidden");
  }

  @Test
  void whatTheContractCannotCheckIsRefusedClearly() throws Exception {
    assertProblem(create(ADMIN, house("Test County", OTHER_POINT)), 400, "point-in-another-county");
    assertProblem(create(ADMIN, house("Test County", "NOWHERE")), 400, "unknown-point");
    assertProblem(create(DUTY, house("Test County", null).put("kind", "castle")), 400, "invalid-request");
    long id = ok(create(DUTY, house("Test County", null))).getLong("id");
    assertProblem(api.post("/api/v1/houses/" + id + "/inspections", api.token(DUTY), new JsonObject()
        .put("findings", "x").put("danger_found", false).put("inspected_at", "2999-01-01T00:00:00Z").encode()), 400,
        "invalid-time");
    assertEquals(0, api.one("SELECT count(*) FROM house_inspection WHERE house_id = " + id));
  }

  private static HttpResponse<String> create(String phone, JsonObject house) throws Exception {
    return api.post("/api/v1/houses", api.token(phone), house.encode());
  }

  private static JsonObject house(String county, String point) {
    return new JsonObject().put("county", county).put("township", "Town").put("village", "Upper village")
        .put("kind", "cut_slope").put("owner_name", "Zhang San").put("owner_phone", "13912345678")
        .put("location", new JsonObject().put("lat", 30.6).put("lon", 104.1)).put("risk_grade", "high")
        .put("point", point);
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }
}
