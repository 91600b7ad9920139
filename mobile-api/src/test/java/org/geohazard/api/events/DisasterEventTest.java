package org.geohazard.api.events;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Disaster events through real HTTP and a real database: who records, corrects and reads them, what a request must
 * hold, the totals of a listing, and the year's figures. Each test keeps to years of its own (China Standard Time).
 */
@Timeout(120)
class DisasterEventTest {
  private static final String EVENTS = "/api/v1/disaster-events";
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
  void eventsAtAPointAndOffTheRegisterAreListedWithTheYearsTotals() throws Exception {
    long warning = alert(POINT, false, "2025-07-10 01:00+08");
    HttpResponse<String> created = create(DUTY, event("Test County", "landslide", "2025-07-10T03:00:00+08:00", 0, 0, 1)
        .put("point", POINT).put("people_warned_safe", 35).put("direct_loss_yuan", 1_200_000L)
        .put("alert_id", warning).put("houses_destroyed", 3).put("volume_m3", 12_000.5));
    JsonObject atPoint = ok(created);
    assertEquals(EVENTS + "/" + atPoint.getLong("id"), created.headers().firstValue("Location").orElseThrow());
    assertEquals(POINT, atPoint.getString("point"));
    assertEquals(warning, atPoint.getLong("alert_id"));
    assertEquals("2025-07-09T19:00:00Z", atPoint.getString("occurred_at"));
    assertNull(atPoint.getString("investigation"));
    // 00:30 on 1 January 2025 in China: still 2024 in UTC, but the county's 2025
    JsonObject offRegister = ok(create(DUTY, event("Test County", "collapse", "2024-12-31T16:30:00Z", 1, 0, 2)
        .put("township", "River township").put("location", new JsonObject().put("lat", 30.61).put("lon", 104.12))
        .put("direct_loss_yuan", 300_000L)));
    assertNull(offRegister.getString("point"), "a collapse at a cut slope no register holds");
    assertEquals(30.61, offRegister.getJsonObject("location").getDouble("lat"));
    ok(create(DUTY, event("Test County", "landslide", "2024-12-31T15:30:00Z", 2, 0, 0).put("point", POINT)));
    ok(create(OTHER_DUTY, event("Other County", "rockfall", "2025-03-01T10:00:00+08:00", 0, 1, 0)
        .put("point", OTHER_POINT)));

    JsonObject year = ok(api.get(EVENTS + "?year=2025", api.token(LEADER)));
    JsonArray items = year.getJsonArray("items");
    assertEquals(2, items.size(), "the county's two events of 2025 (CST), not 2024's nor the other county's");
    assertEquals(atPoint.getLong("id"), items.getJsonObject(0).getLong("id"), "newest first");
    assertEquals(2, year.getLong("events"));
    assertEquals(1, year.getLong("deaths"));
    assertEquals(0, year.getLong("missing"));
    assertEquals(3, year.getLong("injured"));
    assertEquals(35, year.getLong("people_warned_safe"));
    assertEquals(1_500_000, year.getLong("direct_loss_yuan"));
    assertEquals(new JsonObject().put("events", 1L).put("casualties", 0L).put("zero_casualty_events", 1L),
        year.getJsonObject("at_planned_points"));

    JsonObject all = ok(api.get(EVENTS + "?year=2025", api.token(ADMIN)));
    assertEquals(3, all.getLong("events"), "both counties for the administrator");
    assertEquals(new JsonObject().put("events", 2L).put("casualties", 1L).put("zero_casualty_events", 1L),
        all.getJsonObject("at_planned_points"));
    assertEquals(1, ok(api.get(EVENTS + "?year=2025&kind=collapse", api.token(ADMIN))).getLong("events"));
    assertEquals(1, ok(api.get(EVENTS + "?year=2025&county=" + enc("Other County"), api.token(ADMIN)))
        .getLong("missing"));
    assertEquals(2, ok(api.get(EVENTS + "?year=2024", api.token(DUTY))).getLong("deaths"));
    assertEquals(0, ok(api.get(EVENTS, api.token(MONITOR))).getLong("events"));
    assertEquals(0, ok(api.get(EVENTS, api.token(RESIDENT))).getLong("events"));
    assertEquals(1, ok(api.get(EVENTS + "?year=2025", api.token(OTHER_DUTY))).getLong("events"));
  }

  @Test
  void theCountysDutyOfficersAddTheInvestigationAndHandlingLater() throws Exception {
    JsonObject reported = event("Test County", "debris_flow", "2021-08-02T22:00:00+08:00", 0, 0, 0)
        .put("point", POINT).put("people_warned_safe", 120);
    long id = ok(create(DUTY, reported)).getLong("id");
    JsonObject corrected = ok(api.put(EVENTS + "/" + id, api.token(DUTY), reported.copy()
        .put("investigation", "channel blocked by 2 000 m³ of debris; the check dam held")
        .put("investigated_on", "2021-08-05").put("handling", "channel cleared, dam raised by 1 m")
        .put("funds_yuan", 450_000L).put("houses_damaged", 2).encode()));
    assertEquals("2021-08-05", corrected.getString("investigated_on"));
    assertEquals(450_000, corrected.getLong("funds_yuan"));
    assertEquals(2, corrected.getInteger("houses_damaged"));
    assertEquals(120, corrected.getInteger("people_warned_safe"));
    assertEquals(corrected, ok(api.get(EVENTS + "/" + id, api.token(LEADER))), "its leaders read it");

    assertProblem(api.put(EVENTS + "/" + id, api.token(LEADER), reported.encode()), 403, "forbidden");
    assertProblem(api.put(EVENTS + "/" + id, api.token(OTHER_DUTY), reported.encode()), 404, "not-found");
    assertProblem(api.put(EVENTS + "/" + id, api.token(DUTY), reported.copy().put("county", "Other County")
        .putNull("point").encode()), 403, "forbidden");
    assertProblem(api.put(EVENTS + "/" + id, api.token(DUTY), reported.copy().put("investigated_on", "2021-08-01")
        .encode()), 400, "invalid-date");
    assertProblem(api.put(EVENTS + "/424242", api.token(ADMIN), reported.encode()), 404, "not-found");
  }

  @Test
  void onlyTheCountysDutyOfficersAndAdministratorsRecordAndOnlyItsDutyRoomReads() throws Exception {
    JsonObject body = event("Test County", "rockfall", "2022-05-01T08:00:00+08:00", 0, 0, 0);
    long id = ok(create(DUTY, body)).getLong("id");
    ok(create(ADMIN, body));
    assertProblem(create(OTHER_DUTY, body), 403, "forbidden");
    assertProblem(create(LEADER, body), 403, "forbidden");
    assertProblem(create(RESIDENT, body), 403, "forbidden");
    assertProblem(create(MONITOR, body), 403, "forbidden");
    assertProblem(api.get(EVENTS + "/" + id, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get(EVENTS + "/" + id, api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.get(EVENTS + "/" + id, api.token(MONITOR)), 404, "not-found");
    assertEquals("rockfall", ok(api.get(EVENTS + "/" + id, api.token(LEADER))).getString("kind"));
    assertEquals(2, ok(api.get(EVENTS + "?year=2022", api.token(LEADER))).getLong("events"));
    assertEquals(0, ok(api.get(EVENTS + "?year=2022", api.token(OTHER_DUTY))).getLong("events"));
  }

  @Test
  void whatCannotBeAnEventIsRefused() throws Exception {
    String future = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    JsonObject body = event("Test County", "landslide", "2020-06-01T12:00:00+08:00", 0, 0, 0);
    assertProblem(create(DUTY, body.copy().put("point", OTHER_POINT)), 400, "point-in-another-county");
    assertProblem(create(DUTY, body.copy().put("point", "510100999999")), 400, "unknown-point");
    assertProblem(create(DUTY, body.copy().put("deaths", -1)), 400, "invalid-request");
    assertProblem(create(DUTY, body.copy().put("people_warned_safe", -3)), 400, "invalid-request");
    assertProblem(create(DUTY, body.copy().put("direct_loss_yuan", -1)), 400, "invalid-request");
    assertProblem(create(DUTY, body.copy().put("occurred_at", future)), 400, "invalid-time");
    assertProblem(create(DUTY, body.copy().put("occurred_at", "yesterday")), 400, "invalid-request");
    assertProblem(create(DUTY, body.copy().put("kind", "flood")), 400, "invalid-request");
    JsonObject uncounted = body.copy();
    uncounted.remove("deaths");
    assertProblem(create(DUTY, uncounted), 400, "invalid-request");
    assertProblem(create(DUTY, body.copy().put("investigated_on", "2020-05-31")), 400, "invalid-date");
    long elsewhere = alert(OTHER_POINT, false, "2020-06-01 10:00+08");
    assertProblem(create(DUTY, body.copy().put("alert_id", elsewhere)), 400, "unknown-alert");
    assertProblem(create(DUTY, body.copy().put("alert_id", 987654)), 400, "unknown-alert");
    long drill = alert(POINT, true, "2020-06-01 10:00+08");
    assertProblem(create(DUTY, body.copy().put("point", POINT).put("alert_id", drill)), 400, "drill-alert");
    assertEquals(0, api.one("SELECT count(*) FROM disaster_event WHERE occurred_at < '2021-01-01'"));
  }

  @Test
  void theYearsFiguresCountEachCountysEventsAndZeroCasualtiesAtPlannedPoints() throws Exception {
    ok(create(DUTY, event("Test County", "landslide", "2023-06-01T12:00:00+08:00", 0, 0, 2).put("point", POINT)
        .put("people_warned_safe", 48)));
    ok(create(DUTY, event("Test County", "collapse", "2023-07-01T12:00:00+08:00", 1, 0, 0)));
    ok(create(OTHER_DUTY, event("Other County", "rockfall", "2023-08-01T12:00:00+08:00", 0, 1, 0)
        .put("point", OTHER_POINT)));

    JsonArray counties = ok(api.get("/api/v1/figures?year=2023", api.token(ADMIN))).getJsonArray("counties");
    JsonObject other = county(counties, "Other County").getJsonObject("events");
    JsonObject test = county(counties, "Test County").getJsonObject("events");
    assertEquals(2, test.getLong("events"));
    assertEquals(1, test.getLong("deaths"), "the death off the register is a death of the county's year");
    assertEquals(2, test.getLong("injured"));
    assertEquals(48, test.getLong("people_warned_safe"));
    assertEquals(0, test.getLong("at_planned_points_casualties"));
    assertTrue(test.getBoolean("zero_casualties_at_planned_points"));
    assertEquals(1, other.getLong("at_planned_points_casualties"));
    assertFalse(other.getBoolean("zero_casualties_at_planned_points"));

    JsonObject quiet = ok(api.get("/api/v1/figures?year=2019", api.token(DUTY))).getJsonArray("counties")
        .getJsonObject(0).getJsonObject("events");
    assertEquals(0, quiet.getLong("events"));
    assertTrue(quiet.getBoolean("zero_casualties_at_planned_points"), "a year without events");
  }

  private static JsonObject county(JsonArray counties, String name) {
    for (int i = 0; i < counties.size(); i++) {
      if (counties.getJsonObject(i).getString("county").equals(name)) {
        return counties.getJsonObject(i);
      }
    }
    throw new AssertionError("no " + name + " in " + counties.encode());
  }

  private static long alert(String point, boolean drill, String raisedAt) throws Exception {
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, drill, raised_at, closed_at) VALUES ('" + point
        + "', 'warning', 'warning', 'orange', 'Heavy rain', " + drill + ", '" + raisedAt + "', '" + raisedAt + "')");
    return api.one("SELECT max(id) FROM alert");
  }

  private static HttpResponse<String> create(String phone, JsonObject event) throws Exception {
    return api.post(EVENTS, api.token(phone), event.encode());
  }

  private static JsonObject event(String county, String kind, String occurredAt, int deaths, int missing,
      int injured) {
    return new JsonObject().put("county", county).put("kind", kind).put("place", "Above the village road")
        .put("occurred_at", occurredAt).put("deaths", deaths).put("missing", missing).put("injured", injured);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
