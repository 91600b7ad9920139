package org.geohazard.api.figures;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The year's figures over a small known data set in 2024 (China Standard Time): three public warnings at the test
 * point peaking orange, red and yellow, plus alerts that must not count (a drill, a device alert, one from 2023 and
 * one raised just after the year ended); check-ins; drills; readings of two devices over known windows.
 */
@Timeout(120)
class YearFiguresTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO person (name, phone) VALUES ('Second Resident', '13900000051')");
    api.sql("INSERT INTO hazard_assessment_query (person_id, asked_at, county, project, query, points_found)"
        + " SELECT id, t, c, 'a road', '{}', 1 FROM person, (VALUES (timestamptz '2024-01-01 00:30+08', 'Test County'),"
        + " (timestamptz '2024-12-31 23:30+08', 'Test County'), (timestamptz '2025-01-01 00:30+08', 'Test County'),"
        + " (timestamptz '2024-06-01 00:00+08', 'Other County')) q(t, c) WHERE phone = '" + DUTY + "'");
    api.sql("INSERT INTO device (id, point_code, siren) VALUES ('SR-T1', '" + POINT + "', true)");
    long climbing = alert("warning", "warning", "blue", false, "2024-07-01 10:00+08");
    event(climbing, "raised", "yellow", "2024-07-01 10:00+08");
    event(climbing, "level_up", "orange", "2024-07-01 11:00+08");
    event(climbing, "level_down", "blue", "2024-07-01 15:00+08");
    long manual = alert("manual:1", "manual", "red", false, "2024-08-01 10:00+08");
    event(manual, "raised", "red", "2024-08-01 10:00+08");
    long yellow = alert("warning:2", "warning", "yellow", false, "2024-01-01 00:30+08");
    event(yellow, "raised", "yellow", "2024-01-01 00:30+08");
    long drill = alert("warning:3", "warning", "red", true, "2024-09-01 10:00+08");
    event(drill, "raised", "red", "2024-09-01 10:00+08");
    event(alert("device:LF-T1:offline", "device", null, false, "2024-09-02 10:00+08"), "raised", null,
        "2024-09-02 10:00+08");
    event(alert("warning:4", "warning", "red", false, "2023-12-31 23:00+08"), "raised", "red", "2023-12-31 23:00+08");
    event(alert("warning:5", "warning", "red", false, "2025-01-01 00:10+08"), "raised", "red", "2025-01-01 00:10+08");
    checkIn(manual, ApiHarness.RESIDENT, "evacuated");
    checkIn(manual, "13900000051", "evacuated");
    checkIn(climbing, ApiHarness.RESIDENT, "safe");
    checkIn(climbing, "13900000051", "need_help");
    checkIn(drill, ApiHarness.RESIDENT, "evacuated");

    api.sql("INSERT INTO drill (point_code, started_at, ended_at) VALUES"
        + " ('" + POINT + "', '2024-05-01 09:00+08', '2024-05-01 11:00+08'),"
        + " ('" + POINT + "', '2023-05-01 09:00+08', '2023-05-01 11:00+08'),"
        + " (NULL, '2024-06-01 09:00+08', '2024-06-01 11:00+08'),"
        + " ('" + OTHER_POINT + "', '2024-06-02 09:00+08', '2024-06-02 11:00+08')");

    // LF-T1 (every 600 s): first reading 2024-12-31 00:00+08, so 144 slots to the year's end; both channels read
    // in the first 72 slots, and once after the year (not counted).
    api.sql("INSERT INTO reading (sensor_id, ts, value, received_at) SELECT se.id, timestamptz '2024-12-31 00:00+08'"
        + " + i * interval '10 minutes', 1, now() FROM sensor se, generate_series(0, 71) i"
        + " WHERE se.device_id = 'LF-T1'");
    api.sql("INSERT INTO reading (sensor_id, ts, value, received_at) SELECT id, '2025-06-01 00:00+08', 1, now()"
        + " FROM sensor WHERE device_id = 'LF-T1'");
    // RG-T1 (every 600 s) sampled fast, every 300 s, from 2024-12-31 12:00+08: 72 slots, all with a reading.
    api.sql("INSERT INTO reading (sensor_id, ts, value, received_at) SELECT se.id, timestamptz '2024-12-31 12:00+08'"
        + " + i * interval '5 minutes', 0, now() FROM sensor se, generate_series(0, 143) i"
        + " WHERE se.device_id = 'RG-T1'");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void theYearIsCountedPerPointAndCounty() throws Exception {
    JsonObject figures = ok(api.get("/api/v1/figures?year=2024", api.token(DUTY)));
    assertEquals(2024, figures.getInteger("year"));
    assertEquals("2023-12-31T16:00:00Z", figures.getString("from"));
    assertEquals(1, figures.getLong("deployment_drills"));
    JsonArray counties = figures.getJsonArray("counties");
    assertEquals(1, counties.size());
    JsonObject county = counties.getJsonObject(0);
    assertEquals("Test County", county.getString("county"));
    assertEquals(2, county.getLong("assessment_queries"), "the county's queries of 2024, not 2025's nor another's");
    JsonObject point = county.getJsonArray("points").getJsonObject(0);
    assertEquals(POINT, point.getString("code"));

    JsonObject warnings = new JsonObject().put("blue", 0L).put("yellow", 1L).put("orange", 1L).put("red", 1L)
        .put("total", 3L);
    assertEquals(warnings, point.getJsonObject("warnings"));
    assertEquals(warnings, county.getJsonObject("warnings"));
    assertEquals(new JsonObject().put("alerts", 1L).put("people", 2L), point.getJsonObject("evacuations"));
    assertEquals(1, point.getLong("checked_in_safe"));
    assertEquals(1, point.getLong("drills"));
    assertEquals(2, county.getLong("drills"), "the point's drill and the deployment-wide one");

    JsonObject devices = point.getJsonObject("devices");
    assertEquals(2, devices.getLong("count"), "the siren is not counted");
    assertEquals(144, devices.getLong("samples_received"));
    assertEquals(216, devices.getLong("samples_expected"));
    assertEquals(0.6667, devices.getDouble("online_rate"));
    assertEquals(devices, county.getJsonObject("devices"));
  }

  @Test
  void administratorsSeeEveryCountyAndMayPickOne() throws Exception {
    JsonArray counties = ok(api.get("/api/v1/figures?year=2024", api.token(ADMIN))).getJsonArray("counties");
    assertEquals(2, counties.size());
    JsonObject other = counties.getJsonObject(0);
    assertEquals("Other County", other.getString("county"));
    assertEquals(2, other.getLong("drills"));
    assertEquals(0, other.getJsonObject("warnings").getLong("total"));
    assertNull(other.getJsonObject("devices").getValue("online_rate"), "no devices, no rate");
    JsonArray one = ok(api.get("/api/v1/figures?year=2024&county=" + enc("Test County"), api.token(ADMIN)))
        .getJsonArray("counties");
    assertEquals(1, one.size());
    assertEquals(3, one.getJsonObject(0).getJsonObject("warnings").getLong("total"));
  }

  @Test
  void theOtherCountysDutyOfficerSeesNothingOfTestCounty() throws Exception {
    JsonArray counties = ok(api.get("/api/v1/figures?year=2024", api.token(OTHER_DUTY))).getJsonArray("counties");
    assertEquals(1, counties.size());
    assertEquals("Other County", counties.getJsonObject(0).getString("county"));
    assertEquals(0, ok(api.get("/api/v1/figures?year=2024&county=" + enc("Test County"), api.token(OTHER_DUTY)))
        .getJsonArray("counties").size());
    assertEquals(1, ok(api.get("/api/v1/figures?year=2024", api.token(LEADER))).getJsonArray("counties").size());
  }

  @Test
  void anotherYearHasItsOwnFigures() throws Exception {
    JsonObject county = ok(api.get("/api/v1/figures?year=2023", api.token(DUTY))).getJsonArray("counties")
        .getJsonObject(0);
    assertEquals(1, county.getJsonObject("warnings").getLong("red"));
    assertEquals(1, county.getLong("drills"));
    assertNull(county.getJsonObject("devices").getValue("online_rate"), "the devices had not sent anything yet");
  }

  @Test
  void onlyTheDutyRoomReadsFiguresAndBadParametersAreProblems() throws Exception {
    assertProblem(api.get("/api/v1/figures?year=2024", api.token(MONITOR)), 403, "forbidden");
    assertProblem(api.get("/api/v1/figures?year=2024", api.token(RESPONSIBLE)), 403, "forbidden");
    assertProblem(api.get("/api/v1/figures?year=2024", api.token(RESIDENT)), 403, "forbidden");
    String duty = api.token(DUTY);
    assertProblem(api.get("/api/v1/figures", duty), 400, "invalid-request");
    assertProblem(api.get("/api/v1/figures?year=1999", duty), 400, "invalid-request");
    assertProblem(api.get("/api/v1/figures?year=twenty", duty), 400, "invalid-request");
    assertProblem(api.get("/api/v1/figures?year=2024&county=" + "c".repeat(101), duty), 400, "invalid-request");
    assertEquals(0, ok(api.get("/api/v1/figures?year=2024&county=" + enc("x' OR '1'='1"), duty))
        .getJsonArray("counties").size());
  }

  private static long alert(String source, String kind, String level, boolean drill, String at) throws Exception {
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, drill, raised_at, closed_at) VALUES ('"
        + POINT + "', '" + source + "', '" + kind + "', " + (level == null ? "NULL" : "'" + level + "'") + ", 'x', "
        + drill + ", '" + at + "', '" + at + "'::timestamptz + interval '1 hour')");
    return api.one("SELECT max(id) FROM alert");
  }

  private static void event(long alert, String type, String level, String at) throws Exception {
    api.sql("INSERT INTO alert_event (alert_id, type, level, at) VALUES (" + alert + ", '" + type + "', "
        + (level == null ? "NULL" : "'" + level + "'") + ", '" + at + "')");
  }

  private static void checkIn(long alert, String phone, String status) throws Exception {
    api.sql("INSERT INTO check_in (alert_id, person_id, status) SELECT " + alert + ", id, '" + status
        + "' FROM person WHERE phone = '" + phone + "'");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
