package org.geohazard.api.people;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.registry.zones.LocalProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A home location grants nothing by itself: a person who sets their own home inside a point's threatened zone reads
 * its warnings and checks in there only once the point's staff confirm they live there. Staff who set a home become
 * residents at once only at points they are staff of.
 */
@Timeout(120)
class HomeResidencySecurityTest {
  /** The test registry's point: 30.6, 104.1 with a 250 m radius zone. */
  private static final LocalProjection AT_POINT = new LocalProjection(30.6, 104.1);
  private static ApiHarness api;
  private static long alert;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    alert = api.one("INSERT INTO alert (point_code, source, kind, level, title) VALUES ('" + POINT
        + "', 'manual:1', 'manual', 'orange', 'Cracks in the road') RETURNING id");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aStrangersHomeGrantsNothingUntilTheStaffOfThePointConfirmIt() throws Exception {
    long stranger = stranger("13900000201");
    String token = api.token("13900000201");

    JsonObject home = ok(api.put("/api/v1/me/home", token, metresNorth(100).encode()));
    assertEquals(0, home.getJsonArray("points").size(), home.encode());
    assertEquals(new JsonObject().put("code", POINT).put("name", home.getJsonArray("claims").getJsonObject(0)
        .getString("name")).put("state", "pending"), home.getJsonArray("claims").getJsonObject(0));
    assertNoAccess(token, stranger);

    assertTrue(pending(OTHER_DUTY).stream().noneMatch(c -> c.getJsonObject("person").getLong("id") == stranger),
        "another county's duty officer sees the claim");
    assertEquals(404, decide(OTHER_DUTY, stranger, "confirm").statusCode());
    assertEquals(403, decide(RESIDENT, stranger, "confirm").statusCode());
    assertEquals(403, api.get("/api/v1/home-claims", api.token(RESIDENT)).statusCode());
    assertNoAccess(token, stranger);

    JsonObject claim = pending(MONITOR).stream().filter(c -> c.getJsonObject("person").getLong("id") == stranger)
        .findFirst().orElseThrow();
    assertEquals(POINT, claim.getJsonObject("point").getString("code"));
    assertEquals(30.6 + AT_POINT.degreesNorth(100), claim.getJsonObject("home").getDouble("lat"), 1e-9);
    assertEquals("confirmed", ok(decide(MONITOR, stranger, "confirm")).getString("state"));

    JsonArray warnings = ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items");
    assertEquals(1, warnings.size(), warnings.encode());
    assertEquals(alert, warnings.getJsonObject(0).getLong("id"));
    assertEquals(204, api.post("/api/v1/alerts/" + alert + "/check-in", token,
        new JsonObject().put("status", "safe").encode()).statusCode());
    JsonObject confirmed = ok(api.get("/api/v1/me/home", token));
    assertEquals("zone", confirmed.getJsonArray("points").getJsonObject(0).getString("origin"), confirmed.encode());
    assertEquals(0, confirmed.getJsonArray("claims").size());
    assertTrue(pending(MONITOR).stream().noneMatch(c -> c.getJsonObject("person").getLong("id") == stranger));

    // a new home is a new claim: the confirmation was for the old one
    JsonObject moved = ok(api.put("/api/v1/me/home", token, metresNorth(-100).encode()));
    assertEquals("pending", moved.getJsonArray("claims").getJsonObject(0).getString("state"), moved.encode());
    assertEquals(0, ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items").size());
  }

  @Test
  void aRejectedHomeStaysWithoutAccessAndSettingItAgainDoesNotAskAgain() throws Exception {
    long stranger = stranger("13900000202");
    String token = api.token("13900000202");
    ok(api.put("/api/v1/me/home", token, metresNorth(50).encode()));

    assertEquals("rejected", ok(decide(DUTY, stranger, "reject")).getString("state"));
    JsonObject again = ok(api.put("/api/v1/me/home", token, metresNorth(50).encode()));
    assertEquals("rejected", again.getJsonArray("claims").getJsonObject(0).getString("state"), again.encode());
    assertTrue(pending(DUTY).stream().noneMatch(c -> c.getJsonObject("person").getLong("id") == stranger));
    assertNoAccess(token, stranger);
  }

  @Test
  void staffSettingAHomeBecomeResidentsAtOnceOnlyWhereTheyAreStaff() throws Exception {
    String otherCounty = api.token(OTHER_DUTY);
    JsonObject outside = ok(api.put("/api/v1/me/home", otherCounty, metresNorth(10).encode()));
    assertEquals(0, outside.getJsonArray("points").size(), outside.encode());
    assertEquals("pending", outside.getJsonArray("claims").getJsonObject(0).getString("state"));
    assertEquals(0, ok(api.get("/api/v1/me/warnings", otherCounty)).getJsonArray("items").size());
    assertEquals(404, api.get("/api/v1/alerts/" + alert, otherCounty).statusCode());

    JsonObject own = ok(api.put("/api/v1/me/home", api.token(MONITOR), metresNorth(10).encode()));
    assertEquals(POINT, own.getJsonArray("points").getJsonObject(0).getString("code"), own.encode());
    assertEquals(0, own.getJsonArray("claims").size());
  }

  @Test
  void aHomeTheAdministratorsRecordMakesAResidentAtOnce() throws Exception {
    long person = ok(api.post("/api/v1/admin/people", api.token(ADMIN), new JsonObject().put("name", "Registered")
        .put("phone", "13900000203").put("home", metresNorth(30)).encode())).getLong("id");
    assertEquals(1, api.one("SELECT count(*) FROM person_role WHERE person_id = " + person
        + " AND role = 'resident' AND point_code = '" + POINT + "'"));
    assertEquals(0, api.one("SELECT count(*) FROM home_claim WHERE person_id = " + person));
  }

  private static void assertNoAccess(String token, long person) throws Exception {
    assertEquals(0, ok(api.get("/api/v1/me/warnings", token)).getJsonArray("items").size());
    assertEquals(404, api.get("/api/v1/alerts/" + alert, token).statusCode());
    HttpResponse<String> checkIn = api.post("/api/v1/alerts/" + alert + "/check-in", token,
        new JsonObject().put("status", "safe").encode());
    assertTrue(checkIn.statusCode() == 403 || checkIn.statusCode() == 404, checkIn.statusCode() + checkIn.body());
    assertEquals(0, api.one("SELECT count(*) FROM check_in WHERE person_id = " + person));
    assertEquals(0, api.one("SELECT count(*) FROM person_role WHERE person_id = " + person));
  }

  private static java.util.List<JsonObject> pending(String phone) throws Exception {
    JsonArray items = ok(api.get("/api/v1/home-claims", api.token(phone))).getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).toList();
  }

  private static HttpResponse<String> decide(String phone, long person, String decision) throws Exception {
    return api.send(api.request("/api/v1/home-claims/" + POINT + "/" + person + "/" + decision, api.token(phone))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
  }

  private static long stranger(String phone) throws Exception {
    api.sql("INSERT INTO person (name, phone, password_hash) SELECT 'Stranger " + phone + "', '" + phone
        + "', password_hash FROM person WHERE phone = '" + DUTY + "'");
    return api.personId(phone);
  }

  private static JsonObject metresNorth(double metres) {
    return new JsonObject().put("lat", 30.6 + AT_POINT.degreesNorth(metres)).put("lon", 104.1);
  }
}
