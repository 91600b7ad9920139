package org.geohazard.api.admin;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators keep the duty roster: shifts of people who hold the role in the county, never overlapping. */
@Timeout(120)
class RosterAdminTest {
  private static final String ROSTER = "/api/v1/admin/roster";
  private static ApiHarness api;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    admin = api.token(ADMIN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aShiftIsAddedListedAndRemoved() throws Exception {
    HttpResponse<String> added = api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer",
        "2026-06-01T08:00:00+08:00", "2026-06-01T20:00:00+08:00").encode());
    assertEquals(201, added.statusCode(), added.body());
    JsonObject shift = new JsonObject(added.body());
    long id = shift.getLong("id");
    assertEquals("/api/v1/admin/roster/" + id, added.headers().firstValue("Location").orElse(""));
    assertEquals("2026-06-01T00:00:00Z", shift.getString("starts_at"));
    assertEquals(DUTY, shift.getJsonObject("person").getString("phone"));
    assertEquals(1, api.one("SELECT count(*) FROM duty_shift WHERE id = " + id + " AND county = 'Test County'"
        + " AND role = 'duty_officer' AND person_id = " + api.personId(DUTY)
        + " AND starts_at = '2026-06-01T00:00:00Z' AND ends_at = '2026-06-01T12:00:00Z'"));

    JsonObject listed = ok(api.get(ROSTER + "?county=Test%20County&from=2026-06-01T10:00:00Z"
        + "&to=2026-06-02T00:00:00Z", admin));
    assertTrue(listed.getJsonArray("items").contains(shift), listed.encode());
    JsonObject withOffset = ok(api.get(ROSTER + "?county=Test%20County&from=2026-06-01T18:00:00%2B08:00"
        + "&to=2026-06-02T08:00:00%2B08:00", admin));
    assertTrue(withOffset.getJsonArray("items").contains(shift), withOffset.encode());
    JsonObject later = ok(api.get(ROSTER + "?from=2026-06-01T12:00:00Z&to=2026-06-02T00:00:00Z", admin));
    assertTrue(later.getJsonArray("items").stream().noneMatch(s -> ((JsonObject) s).getLong("id") == id));

    assertEquals(204, api.delete(ROSTER + "/" + id, admin).statusCode());
    assertEquals(0, api.one("SELECT count(*) FROM duty_shift WHERE id = " + id));
    assertProblem(api.delete(ROSTER + "/" + id, admin), 404, "not-found");
  }

  @Test
  void overlappingShiftsOfOnePersonAreRefusedButAdjacentOnesAreNot() throws Exception {
    assertEquals(201, api.post(ROSTER, admin, shift("Test County", LEADER, "leader",
        "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z").encode()).statusCode());
    HttpResponse<String> overlap = api.post(ROSTER, admin, shift("Test County", LEADER, "leader",
        "2026-07-01T23:00:00Z", "2026-07-02T06:00:00Z").encode());
    assertProblem(overlap, 409, "conflict");
    assertTrue(new JsonObject(overlap.body()).getString("detail").contains("2026-07-01T00:00:00Z"));
    assertEquals(201, api.post(ROSTER, admin, shift("Test County", LEADER, "leader",
        "2026-07-02T00:00:00Z", "2026-07-02T06:00:00Z").encode()).statusCode());
    assertEquals(2, api.one("SELECT count(*) FROM duty_shift WHERE person_id = " + api.personId(LEADER)));
  }

  @Test
  void thePersonMustHoldTheRoleInTheCounty() throws Exception {
    assertRoleNotHeld(shift("Test County", MONITOR, "duty_officer", "2026-08-01T00:00:00Z", "2026-08-01T08:00:00Z"));
    assertRoleNotHeld(shift("Test County", DUTY, "leader", "2026-08-01T00:00:00Z", "2026-08-01T08:00:00Z"));
    assertRoleNotHeld(shift("Test County", OTHER_DUTY, "duty_officer", "2026-08-01T00:00:00Z",
        "2026-08-01T08:00:00Z"));
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-08-01T00:00:00Z",
        "2026-08-01T08:00:00Z").put("person_id", 999_999).encode()), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM duty_shift WHERE starts_at = '2026-08-01T00:00:00Z'"));
  }

  @Test
  void invalidTimesAndBodiesAreProblems() throws Exception {
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-09-01T08:00:00Z",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-range");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-09-02T08:00:00Z",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-range");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-09-01T00:00:00Z",
        "2026-09-08T00:00:01Z").encode()), 400, "shift-too-long");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "tomorrow",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-request");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-09-01T00:00:00",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-request");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "monitor", "2026-09-01T00:00:00Z",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-request");
    assertProblem(api.post(ROSTER, admin, shift("Test County", DUTY, "duty_officer", "2026-09-01T00:00:00Z",
        "2026-09-01T08:00:00Z").put("note", "extra").encode()), 400, "invalid-request");
    assertProblem(api.post(ROSTER, admin, shift("C".repeat(101), DUTY, "duty_officer", "2026-09-01T00:00:00Z",
        "2026-09-01T08:00:00Z").encode()), 400, "invalid-request");
    assertProblem(api.get(ROSTER + "?from=2026-09-02T00:00:00Z&to=2026-09-01T00:00:00Z", admin),
        400, "invalid-range");
    assertProblem(api.get(ROSTER + "?cursor=bm8tc3BhY2U", admin), 400, "invalid-cursor");
    assertProblem(api.delete(ROSTER + "/abc", admin), 400, "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM duty_shift WHERE starts_at >= '2026-09-01T00:00:00Z'"
        + " AND starts_at < '2026-10-01T00:00:00Z'"));
  }

  @Test
  void theRosterIsListedByPageInOrderOfStart() throws Exception {
    for (int day = 10; day < 15; day++) {
      ok(api.post(ROSTER, admin, shift("Other County", OTHER_DUTY, "duty_officer", "2026-10-" + day
          + "T00:00:00Z", "2026-10-" + day + "T12:00:00Z").encode()));
    }
    List<String> starts = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = ok(api.get(ROSTER + "?county=Other%20County&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), admin));
      page.getJsonArray("items").forEach(s -> starts.add(((JsonObject) s).getString("starts_at")));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertEquals(List.of("2026-10-10T00:00:00Z", "2026-10-11T00:00:00Z", "2026-10-12T00:00:00Z",
        "2026-10-13T00:00:00Z", "2026-10-14T00:00:00Z"), starts);
    JsonObject none = ok(api.get(ROSTER + "?county=Nowhere", admin));
    assertEquals(0, none.getJsonArray("items").size());
    assertNull(none.getString("next_cursor"));
  }

  @Test
  void sqlMetacharactersInACountyAreStoredAndFilteredAsText() throws Exception {
    String county = "O'Hara'); DROP TABLE duty_shift; --";
    api.sql("INSERT INTO person_role (person_id, role, county) VALUES (" + api.personId(DUTY)
        + ", 'duty_officer', 'O''Hara''); DROP TABLE duty_shift; --')");
    HttpResponse<String> added = api.post(ROSTER, admin, shift(county, DUTY, "duty_officer",
        "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z").encode());
    assertEquals(201, added.statusCode(), added.body());
    assertEquals(county, new JsonObject(added.body()).getString("county"));
    JsonObject listed = ok(api.get(ROSTER + "?county=" + URLEncoder.encode(county, StandardCharsets.UTF_8)
        .replace("+", "%20"), admin));
    assertEquals(1, listed.getJsonArray("items").size());
    assertEquals(county, listed.getJsonArray("items").getJsonObject(0).getString("county"));
    assertEquals(1, api.one("SELECT count(*) FROM duty_shift WHERE county = 'O''Hara''); DROP TABLE duty_shift; --'"));
  }

  private static void assertRoleNotHeld(JsonObject body) throws Exception {
    HttpResponse<String> response = api.post(ROSTER, admin, body.encode());
    assertProblem(response, 400, "role-not-held");
    assertTrue(new JsonObject(response.body()).getString("detail").contains(body.getString("role")));
  }

  private static JsonObject shift(String county, String phone, String role, String from, String to)
      throws Exception {
    return new JsonObject().put("county", county).put("person_id", api.personId(phone)).put("role", role)
        .put("starts_at", from).put("ends_at", to);
  }
}
