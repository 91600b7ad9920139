package org.geohazard.api.campaigns;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Survey campaigns through real HTTP and a real database: what a campaign covers (listed points, struck-off points
 * for the re-check, houses), inspections from the field, coverage per township, proposals of new points, and who may
 * do each.
 */
@Timeout(120)
class CampaignTest {
  private static ApiHarness api;
  private static long house;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("UPDATE hazard_point SET township = 'East town' WHERE code = '" + POINT + "'");
    point("510100000401", "East town", "active");
    point("510100000402", "West town", "active");
    point("510100000403", "West town", "delisted");
    point("510100000404", "West town", "delisted");
    api.sql("INSERT INTO point_strike_off (point_code, reason, evidence, struck_off_on, recorded_by)"
        + " VALUES ('510100000403', 'treated', 'acceptance report', '2024-12-01', " + api.personId(ADMIN) + ")");
    api.sql("INSERT INTO at_risk_house (county, township, kind, owner_name, latitude, longitude, risk_grade,"
        + " point_code, created_by) VALUES ('Test County', 'East town', 'cut_slope', 'Wang', 30.6, 104.1, 'high', '"
        + POINT + "', " + api.personId(ADMIN) + ")");
    house = api.one("SELECT max(id) FROM at_risk_house");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void coverageGrowsAsTheFieldInspectsAndTheReCheckListsStruckOffPoints() throws Exception {
    JsonObject campaign = ok(create(DUTY, campaign("Test County", new JsonObject().put("all_points", true)
        .put("struck_off_points", true).put("all_houses", true))));
    long id = campaign.getLong("id");
    JsonObject coverage = campaign.getJsonObject("coverage");
    assertEquals(5, coverage.getLong("targets"), "three listed points, one struck off (not the merely delisted one),"
        + " one house");
    assertEquals(5, coverage.getLong("not_yet"));
    Map<String, Long> targets = targetIds(id, DUTY);
    assertTrue(ok(api.get("/api/v1/campaigns/" + id + "/targets", api.token(DUTY))).getJsonArray("items").stream()
        .map(JsonObject.class::cast).anyMatch(t -> "510100000403".equals(t.getString("point"))
            && t.getBoolean("recheck")));

    JsonArray mine = ok(api.get("/api/v1/campaigns/" + id + "/targets", api.token(MONITOR))).getJsonArray("items");
    assertEquals(2, mine.size(), "the monitor sees the targets at their point: the point and its house");
    ok(inspect(MONITOR, id, targets.get(POINT), "no change", false, null));
    ok(inspect(MONITOR, id, targets.get("house"), "new crack in the back wall", true, null));
    JsonObject found = ok(inspect(DUTY, id, targets.get("510100000403"), "bulging below the wall", true,
        new JsonObject().put("name", "Below the treated wall").put("hazard_type", "landslide")
            .put("location", new JsonObject().put("lat", 30.62).put("lon", 104.12))
            .put("description", "a new slide below the wall")));
    assertEquals("finding", found.getString("state"));
    assertTrue(found.getBoolean("proposed_point"));

    JsonObject after = ok(api.get("/api/v1/campaigns/" + id, api.token(LEADER))).getJsonObject("coverage");
    assertEquals(3, after.getLong("done"));
    assertEquals(2, after.getLong("not_yet"));
    assertEquals(2, after.getLong("findings"));
    JsonObject east = township(after, "East town");
    assertEquals(3, east.getLong("targets"));
    assertEquals(2, east.getLong("done"));
    assertEquals(1, township(after, "West town").getLong("done"));
    assertEquals(2, ok(api.get("/api/v1/campaigns/" + id + "/targets?state=not_yet", api.token(DUTY)))
        .getJsonArray("items").size());
    assertEquals(3, api.one("SELECT count(*) FROM campaign_inspection ci JOIN campaign_target g ON g.id ="
        + " ci.target_id WHERE g.campaign_id = " + id));

    String photos = "/api/v1/campaign-inspections/" + found.getLong("inspection_id") + "/photos";
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    assertEquals(201, photo(DUTY, photos, png).statusCode());
    assertEquals(404, photo(MONITOR, photos, png).statusCode(), "not a target at the monitor's point");
    String inspections = "/api/v1/campaigns/" + id + "/targets/" + targets.get("510100000403") + "/inspections";
    JsonObject inspection = ok(api.get(inspections, api.token(LEADER))).getJsonArray("items").getJsonObject(0);
    assertEquals("bulging below the wall", inspection.getString("findings"));
    assertEquals(1, inspection.getJsonArray("photos").size());
    assertTrue(inspection.getLong("proposal_id") > 0);
    assertProblem(api.get(inspections, api.token(MONITOR)), 404, "not-found");
  }

  private static HttpResponse<String> photo(String phone, String path, byte[] png) throws Exception {
    return api.send(api.request(path, api.token(phone)).header("Content-Type", "image/png")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)));
  }

  @Test
  void aProposedPointIsRegisteredByAnAdministratorOnce() throws Exception {
    long id = ok(create(DUTY, campaign("Test County", new JsonObject().put("points",
        new JsonArray().add("510100000402"))))).getLong("id");
    long target = targetIds(id, DUTY).get("510100000402");
    ok(inspect(DUTY, id, target, "fresh scarp above the road", true, new JsonObject().put("name", "Road scarp")
        .put("hazard_type", "rockfall").put("location", new JsonObject().put("lat", 30.63).put("lon", 104.13))
        .put("description", "blocks loosening above the road")));
    JsonObject proposal = ok(api.get("/api/v1/point-proposals?state=open", api.token(LEADER))).getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(p -> p.getString("name").equals("Road scarp")).findFirst()
        .orElseThrow();
    assertEquals(0, ok(api.get("/api/v1/point-proposals", api.token(OTHER_DUTY))).getJsonArray("items").size());
    String decision = "/api/v1/point-proposals/" + proposal.getLong("id");
    assertProblem(api.put(decision, api.token(DUTY), new JsonObject().put("state", "declined").encode()), 403,
        "forbidden");
    assertProblem(api.put(decision, api.token(ADMIN), new JsonObject().put("state", "registered")
        .put("point", "510100000499").encode()), 400, "unknown-point");
    point("510100000499", "West town", "active");
    JsonObject registered = ok(api.put(decision, api.token(ADMIN), new JsonObject().put("state", "registered")
        .put("point", "510100000499").encode()));
    assertEquals("registered", registered.getString("state"));
    assertEquals("510100000499", registered.getString("point"));
    assertProblem(api.put(decision, api.token(ADMIN), new JsonObject().put("state", "declined").encode()), 409,
        "conflict");
  }

  @Test
  void onlyTheCountysDutyOfficersPlanAndOnlyThoseWhoSeeATargetInspectIt() throws Exception {
    JsonObject covers = new JsonObject().put("points", new JsonArray().add(POINT).add("510100000401"));
    assertProblem(create(LEADER, campaign("Test County", covers)), 403, "forbidden");
    assertProblem(create(OTHER_DUTY, campaign("Test County", covers)), 403, "forbidden");
    assertProblem(create(DUTY, campaign("Test County", new JsonObject().put("points",
        new JsonArray().add(OTHER_POINT)))), 400, "not-in-county");
    assertProblem(create(DUTY, campaign("Test County", new JsonObject())), 400, "nothing-to-cover");
    assertProblem(create(DUTY, campaign("Test County", covers).put("ends_on", "2025-01-01")), 400, "invalid-dates");
    long id = ok(create(DUTY, campaign("Test County", covers))).getLong("id");
    Map<String, Long> targets = targetIds(id, DUTY);
    assertProblem(api.get("/api/v1/campaigns/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get("/api/v1/campaigns/" + id, api.token(RESIDENT)), 404, "not-found");
    assertProblem(inspect(MONITOR, id, targets.get("510100000401"), "fine", false, null), 404, "not-found");
    assertProblem(inspect(LEADER, id, targets.get(POINT), "fine", false, null), 403, "forbidden");
    assertProblem(inspect(DUTY, id + 1_000, targets.get(POINT), "fine", false, null), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM campaign_inspection ci JOIN campaign_target g ON g.id ="
        + " ci.target_id WHERE g.campaign_id = " + id));
    assertTrue(ok(api.get("/api/v1/campaigns?year=2026", api.token(MONITOR))).getJsonArray("items").stream()
        .map(JsonObject.class::cast).anyMatch(k -> k.getLong("id") == id), "the campaign covers the monitor's point");
  }

  private static void point(String code, String township, String status) throws Exception {
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, township, status)"
        + " VALUES ('" + code + "', 'Slope " + code + "', 'landslide', 30.6, 104.1, 'Test County', '" + township
        + "', '" + status + "')");
  }

  private static JsonObject campaign(String county, JsonObject covers) {
    return new JsonObject().put("county", county).put("kind", "pre_flood").put("title", "Pre-flood survey 2026")
        .put("starts_on", "2026-04-01").put("ends_on", "2026-05-15").put("covers", covers);
  }

  private static HttpResponse<String> create(String phone, JsonObject campaign) throws Exception {
    return api.post("/api/v1/campaigns", api.token(phone), campaign.encode());
  }

  private static HttpResponse<String> inspect(String phone, long campaign, long target, String findings,
      boolean danger, JsonObject proposal) throws Exception {
    JsonObject body = new JsonObject().put("findings", findings).put("danger_found", danger);
    if (proposal != null) {
      body.put("proposal", proposal);
    }
    return api.post("/api/v1/campaigns/" + campaign + "/targets/" + target + "/inspections", api.token(phone),
        body.encode());
  }

  /** Target ids by point code, and "house" for the house. */
  private static Map<String, Long> targetIds(long campaign, String phone) throws Exception {
    Map<String, Long> ids = new HashMap<>();
    ok(api.get("/api/v1/campaigns/" + campaign + "/targets", api.token(phone))).getJsonArray("items").stream()
        .map(JsonObject.class::cast).forEach(t -> ids.put(t.getString("point") == null ? "house"
            : t.getString("point"), t.getLong("id")));
    return ids;
  }

  private static JsonObject township(JsonObject coverage, String name) {
    return coverage.getJsonArray("townships").stream().map(JsonObject.class::cast)
        .filter(t -> name.equals(t.getString("township"))).findFirst().orElseThrow();
  }
}
