package org.geohazard.api.duty;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who is on duty in the caller's counties, and the dead letters of their devices. */
@Timeout(120)
class OnDutyAndDeadLetterTest {
  private static final String NEXT_OFFICER = "13800000020";
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO person (name, phone) VALUES ('Next Officer', '" + NEXT_OFFICER + "')");
    api.sql("INSERT INTO person_role (person_id, role, county) SELECT id, 'duty_officer', 'Test County'"
        + " FROM person WHERE phone = '" + NEXT_OFFICER + "'");
    shift("Test County", DUTY, "duty_officer", "2025-07-01 08:00+08", "2025-07-01 20:00+08");
    shift("Test County", NEXT_OFFICER, "duty_officer", "2025-07-01 20:00+08", "2025-07-02 08:00+08");
    shift("Test County", LEADER, "leader", "2025-07-01 08:00+08", "2025-07-02 08:00+08");
    shift("Other County", OTHER_DUTY, "duty_officer", "2025-07-01 08:00+08", "2025-07-02 08:00+08");

    api.sql("INSERT INTO device (id, point_code) VALUES ('LF-O1', '" + OTHER_POINT + "')");
    byte[] big = new byte[2000];
    java.util.Arrays.fill(big, (byte) 'a');
    big[0] = (byte) 0xff;
    big[1] = (byte) 0xfe;
    deadLetter("2025-07-01 10:00+00", "LF-T1", "malformed_json", "payload is not JSON", big);
    deadLetter("2025-07-01 11:00+00", "XX-9", "unknown_device", "device \"XX-9\" is not registered",
        "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    deadLetter("2025-07-01 12:00+00", "LF-O1", "malformed_json", "payload is not JSON", "{".getBytes());
    deadLetter("2025-07-01 13:00+00", "RG-T1", "invalid_status", "status must be an object",
        "\"\u96e8\u91cf\"".getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void theDutyOfficerSeesWhoIsOnDutyInTheirCountyAndTheNextShift() throws Exception {
    JsonObject now = ok(api.get(onDuty("2025-07-01T12:00:00+08:00", null), api.token(DUTY)));
    JsonArray counties = now.getJsonArray("counties");
    assertEquals(1, counties.size());
    JsonObject county = counties.getJsonObject(0);
    assertEquals("Test County", county.getString("county"));
    List<String> onDuty = phones(county.getJsonArray("on_duty"));
    assertEquals(List.of(LEADER, DUTY), onDuty);
    JsonObject officer = county.getJsonArray("on_duty").getJsonObject(1);
    assertEquals("Duty Officer", officer.getJsonObject("person").getString("name"));
    assertTrue(officer.getBoolean("rostered"));
    assertEquals("2025-07-01T12:00:00Z", officer.getString("ends_at"));
    assertEquals(List.of(NEXT_OFFICER), phones(county.getJsonArray("next")));

    JsonObject evening = ok(api.get(onDuty("2025-07-01T21:00:00+08:00", null), api.token(LEADER)));
    assertEquals(List.of(LEADER, NEXT_OFFICER),
        phones(evening.getJsonArray("counties").getJsonObject(0).getJsonArray("on_duty")));
  }

  @Test
  void whereNobodyIsRosteredEveryoneHoldingTheRoleIsListedAsNotRostered() throws Exception {
    JsonObject before = ok(api.get(onDuty("2025-06-01T00:00:00Z", null), api.token(DUTY)));
    JsonArray onDuty = before.getJsonArray("counties").getJsonObject(0).getJsonArray("on_duty");
    assertEquals(3, onDuty.size(), onDuty.encodePrettily());
    for (Object shift : onDuty) {
      assertFalse(((JsonObject) shift).getBoolean("rostered"));
    }
    assertEquals(2, before.getJsonArray("counties").getJsonObject(0).getJsonArray("next").size());
  }

  @Test
  void monitorsAndResponsiblePersonsSeeTheirPointsCountyAndResidentsNothing() throws Exception {
    for (String phone : List.of(MONITOR, RESPONSIBLE)) {
      JsonArray counties = ok(api.get(onDuty("2025-07-01T12:00:00+08:00", null), api.token(phone)))
          .getJsonArray("counties");
      assertEquals(1, counties.size());
      assertEquals("Test County", counties.getJsonObject(0).getString("county"));
      assertTrue(phones(counties.getJsonObject(0).getJsonArray("on_duty")).contains(DUTY));
    }
    assertProblem(api.get(onDuty(null, null), api.token(RESIDENT)), 403, "forbidden");
    JsonArray other = ok(api.get(onDuty("2025-07-01T12:00:00+08:00", null), api.token(OTHER_DUTY)))
        .getJsonArray("counties");
    assertEquals(1, other.size());
    assertEquals("Other County", other.getJsonObject(0).getString("county"));
    assertEquals(0, ok(api.get(onDuty(null, "Test County"), api.token(OTHER_DUTY))).getJsonArray("counties").size());
  }

  @Test
  void administratorsSeeEveryCountyOrOne() throws Exception {
    assertTrue(ok(api.get(onDuty("2025-07-01T12:00:00+08:00", null), api.token(ADMIN))).getJsonArray("counties")
        .size() >= 2);
    JsonArray one = ok(api.get(onDuty("2025-07-01T12:00:00+08:00", "Other County"), api.token(ADMIN)))
        .getJsonArray("counties");
    assertEquals(1, one.size());
    assertEquals(List.of(OTHER_DUTY), phones(one.getJsonObject(0).getJsonArray("on_duty")));
    assertNotNull(ok(api.get(onDuty(null, null), api.token(ADMIN))).getString("at"));
  }

  @Test
  void badTimesAndCountiesAreProblemsOrJustText() throws Exception {
    String duty = api.token(DUTY);
    assertProblem(api.get(onDuty("yesterday", null), duty), 400, "invalid-request");
    assertProblem(api.get(onDuty("1900-01-01T00:00:00Z", null), duty), 400, "invalid-range");
    assertProblem(api.get(onDuty(null, "x".repeat(101)), duty), 400, "invalid-request");
    assertEquals(0, ok(api.get(onDuty(null, "' OR '1'='1"), api.token(ADMIN))).getJsonArray("counties").size());
    assertEquals(4, api.one("SELECT count(*) FROM duty_shift"));
  }

  @Test
  void dutyOfficersSeeTheDeadLettersOfTheirCountysDevicesAndAdministratorsAll() throws Exception {
    JsonArray mine = ok(api.get("/api/v1/dead-letters", api.token(DUTY))).getJsonArray("items");
    assertEquals(List.of("RG-T1", "LF-T1"), devices(mine));
    JsonArray other = ok(api.get("/api/v1/dead-letters", api.token(OTHER_DUTY))).getJsonArray("items");
    assertEquals(List.of("LF-O1"), devices(other));
    JsonArray all = ok(api.get("/api/v1/dead-letters", api.token(ADMIN))).getJsonArray("items");
    assertEquals(List.of("RG-T1", "LF-O1", "XX-9", "LF-T1"), devices(all));
    assertProblem(api.get("/api/v1/dead-letters", api.token(MONITOR)), 403, "forbidden");
    assertProblem(api.get("/api/v1/dead-letters", api.token(RESPONSIBLE)), 403, "forbidden");
    assertProblem(api.get("/api/v1/dead-letters", api.token(RESIDENT)), 403, "forbidden");
  }

  @Test
  void payloadsArePreviewedAsSafeTextWithTheirSize() throws Exception {
    JsonArray items = ok(api.get("/api/v1/dead-letters?device=LF-T1", api.token(DUTY))).getJsonArray("items");
    JsonObject payload = items.getJsonObject(0).getJsonObject("payload");
    assertEquals(2000, payload.getInteger("size"));
    assertTrue(payload.getBoolean("truncated"));
    String preview = payload.getString("preview");
    assertTrue(preview.startsWith("\ufffd\ufffdaaa"), preview.substring(0, 5));
    assertEquals(1024, preview.length());
    assertEquals("payload is not JSON", items.getJsonObject(0).getString("detail"));
    assertEquals(POINT, items.getJsonObject(0).getString("point"));

    JsonObject chinese = ok(api.get("/api/v1/dead-letters?reason=invalid_status", api.token(DUTY)))
        .getJsonArray("items").getJsonObject(0).getJsonObject("payload");
    assertEquals("\"\u96e8\u91cf\"", chinese.getString("preview"));
    assertFalse(chinese.getBoolean("truncated"));
  }

  @Test
  void deadLettersAreFilteredAndPagedNewestFirst() throws Exception {
    String admin = api.token(ADMIN);
    assertEquals(List.of("LF-O1", "LF-T1"),
        devices(ok(api.get("/api/v1/dead-letters?reason=malformed_json", admin)).getJsonArray("items")));
    assertEquals(List.of("LF-O1", "XX-9"), devices(ok(api.get("/api/v1/dead-letters?from="
        + enc("2025-07-01T11:00:00Z") + "&to=" + enc("2025-07-01T13:00:00Z"), admin)).getJsonArray("items")));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = ok(api.get("/api/v1/dead-letters?limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
          admin));
      paged.addAll(devices(page.getJsonArray("items")));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertEquals(List.of("RG-T1", "LF-O1", "XX-9", "LF-T1"), paged);

    assertProblem(api.get("/api/v1/dead-letters?from=" + enc("2025-07-02T00:00:00Z") + "&to="
        + enc("2025-07-01T00:00:00Z"), admin), 400, "invalid-range");
    assertProblem(api.get("/api/v1/dead-letters?reason=" + enc("x' OR 1=1 --"), admin), 400, "invalid-request");
    assertProblem(api.get("/api/v1/dead-letters?cursor=OTk5OTk5OTk5OTk5OTk5OTk5fDE", admin), 400, "invalid-cursor");
    assertProblem(api.get("/api/v1/dead-letters?limit=0", admin), 400, "invalid-request");
    assertEquals(0, ok(api.get("/api/v1/dead-letters?device=" + enc("'; DROP TABLE dead_letter; --"), admin))
        .getJsonArray("items").size());
    assertEquals(4, api.one("SELECT count(*) FROM dead_letter"));
  }

  private static String onDuty(String at, String county) {
    StringBuilder path = new StringBuilder("/api/v1/duty/now?");
    if (at != null) {
      path.append("at=").append(enc(at)).append('&');
    }
    if (county != null) {
      path.append("county=").append(enc(county));
    }
    return path.toString();
  }

  private static List<String> phones(JsonArray shifts) {
    List<String> phones = new ArrayList<>();
    shifts.forEach(s -> phones.add(((JsonObject) s).getJsonObject("person").getString("phone")));
    return phones;
  }

  private static List<String> devices(JsonArray items) {
    List<String> devices = new ArrayList<>();
    items.forEach(i -> devices.add(((JsonObject) i).getString("device")));
    return devices;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void shift(String county, String phone, String role, String from, String to) throws Exception {
    api.sql("INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) SELECT '" + county + "', id, '"
        + role + "', '" + from + "', '" + to + "' FROM person WHERE phone = '" + phone + "'");
  }

  private static void deadLetter(String at, String device, String reason, String detail, byte[] payload)
      throws Exception {
    try (var c = api.database().dataSource().getConnection(); var s = c.prepareStatement(
        "INSERT INTO dead_letter (received_at, topic, device_id, reason, detail, payload, payload_size)"
            + " VALUES (?::timestamptz, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, at);
      s.setString(2, "gh/v1/" + device + "/telemetry");
      s.setString(3, device);
      s.setString(4, reason);
      s.setString(5, detail);
      s.setBytes(6, payload);
      s.setInt(7, payload.length);
      s.executeUpdate();
    }
  }
}
