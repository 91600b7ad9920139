package org.geohazard.api;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.SECRET;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API through real HTTP and a real database: sign-in, tokens, validation, roles and the alert actions. */
@Timeout(120)
class ApiTest {
  private static ApiHarness api;
  private static long warning;
  private static long deviceAlert;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
        + " ('510100000001', 'warning', 'warning', 'orange', 'Test slope warning'),"
        + " ('510100000001', 'device:LF-T1:offline', 'device', NULL, 'Device LF-T1 is offline')");
    warning = one("SELECT id FROM alert WHERE kind = 'warning'");
    deviceAlert = one("SELECT id FROM alert WHERE kind = 'device'");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void signInGivesTokensAndAWrongPasswordIsAProblem() throws Exception {
    JsonObject tokens = login(DUTY);
    assertEquals("Bearer", tokens.getString("token_type"));
    assertEquals(900, tokens.getInteger("expires_in"));

    HttpResponse<String> wrong = post("/api/v1/auth/login", null,
        new JsonObject().put("phone", DUTY).put("password", "nope").encode());
    assertProblem(wrong, 401, "unauthorized");
    HttpResponse<String> unknown = post("/api/v1/auth/login", null,
        new JsonObject().put("phone", "13700000000").put("password", "whatever").encode());
    assertProblem(unknown, 401, "unauthorized");
  }

  @Test
  void missingTamperedUnsignedAndExpiredTokensAreRefused() throws Exception {
    assertProblem(get("/api/v1/alerts", null), 401, "unauthorized");
    String token = login(DUTY).getString("access_token");
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    assertProblem(get("/api/v1/alerts", tampered), 401, "unauthorized");
    String[] parts = token.split("\\.");
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertProblem(get("/api/v1/alerts", header + "." + parts[1] + "."), 401, "unauthorized");
    assertEquals(200, get("/api/v1/alerts", token).statusCode());

    long duty = one("SELECT id FROM person WHERE phone = '" + DUTY + "'");
    String shortLived = new Tokens(api.vertx(), SECRET, Duration.ofSeconds(1)).access(duty);
    assertEquals(200, get("/api/v1/alerts", shortLived).statusCode());
    Thread.sleep(2_100);
    assertProblem(get("/api/v1/alerts", shortLived), 401, "unauthorized");
  }

  @Test
  void invalidUnknownAndOversizedBodiesAreProblems() throws Exception {
    assertProblem(post("/api/v1/auth/login", null, "{\"phone\": 12}"), 400, "invalid-request");
    assertProblem(post("/api/v1/auth/login", null,
        new JsonObject().put("phone", DUTY).put("password", "x").put("admin", true).encode()), 400, "invalid-request");
    assertProblem(post("/api/v1/auth/login", null, "not json"), 400, "invalid-request");
    String token = login(DUTY).getString("access_token");
    assertProblem(post("/api/v1/alerts/" + warning + "/resolve", token,
        new JsonObject().put("note", "x".repeat(70_000)).encode()), 413, "payload-too-large");
    assertProblem(get("/api/v1/alerts?limit=1000", token), 400, "invalid-request");
    HttpResponse<String> notANumber = get("/api/v1/alerts/abc", token);
    assertProblem(notANumber, 400, "invalid-request");
    assertTrue(new JsonObject(notANumber.body()).getString("detail").contains("alertId"), notANumber.body());
  }

  @Test
  void sqlMetacharactersAreJustText() throws Exception {
    String token = login(DUTY).getString("access_token");
    HttpResponse<String> response = get("/api/v1/alerts?point=%27%3B%20DROP%20TABLE%20alert%3B%20--", token);
    assertEquals(200, response.statusCode());
    assertEquals(0, new JsonObject(response.body()).getJsonArray("items").size());
    assertEquals(2, one("SELECT count(*) FROM alert"));
  }

  @Test
  void residentsSeePublicAlertsOnlyAndCannotAnswer() throws Exception {
    String resident = login(RESIDENT).getString("access_token");
    JsonObject list = new JsonObject(get("/api/v1/alerts", resident).body());
    assertEquals(1, list.getJsonArray("items").size());
    assertEquals(warning, list.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertProblem(get("/api/v1/alerts/" + deviceAlert, resident), 404, "not-found");
    assertProblem(post("/api/v1/alerts/" + warning + "/answer", resident, ""), 403, "forbidden");

    String monitor = login(MONITOR).getString("access_token");
    assertEquals(2, new JsonObject(get("/api/v1/alerts", monitor).body()).getJsonArray("items").size());
  }

  @Test
  void dutyOfficerAnswersOnceAndTheHistoryShowsIt() throws Exception {
    String duty = login(DUTY).getString("access_token");
    HttpResponse<String> answered = post("/api/v1/alerts/" + warning + "/answer", duty, "");
    assertEquals(200, answered.statusCode(), answered.body());
    assertEquals("answered", new JsonObject(answered.body()).getString("state"));
    assertProblem(post("/api/v1/alerts/" + warning + "/answer", duty, ""), 409, "conflict");
    JsonObject alert = new JsonObject(get("/api/v1/alerts/" + warning, duty).body());
    assertEquals("answered", alert.getJsonArray("events").getJsonObject(0).getString("type"));
    assertEquals("Duty Officer", new JsonObject(get("/api/v1/me", duty).body()).getString("name"));
  }

  @Test
  void residentRegistersTheAppAndChecksInAndTheDutyOfficerSeesTheRollCall() throws Exception {
    String resident = login(RESIDENT).getString("access_token");
    String token = "fcm-token-of-the-residents-phone-0001";
    assertEquals(204, post("/api/v1/me/push-tokens", resident,
        new JsonObject().put("token", token).put("platform", "android").put("language", "zh").encode()).statusCode());
    assertEquals(1, one("SELECT count(*) FROM push_token p JOIN person r ON r.id = p.person_id"
        + " WHERE r.phone = '" + RESIDENT + "'"));

    assertEquals(204, post("/api/v1/alerts/" + warning + "/check-in", resident, new JsonObject()
        .put("status", "safe").put("note", "at the school").put("location", new JsonObject().put("lat", 30.61)
            .put("lon", 104.12)).encode()).statusCode());
    assertProblem(post("/api/v1/alerts/" + deviceAlert + "/check-in", resident,
        new JsonObject().put("status", "safe").encode()), 404, "not-found");
    HttpResponse<String> fine = post("/api/v1/alerts/" + warning + "/check-in", resident,
        new JsonObject().put("status", "fine").encode());
    assertProblem(fine, 400, "invalid-request");
    String detail = new JsonObject(fine.body()).getString("detail");
    assertTrue(detail.contains("/status") && !detail.contains("additional properties"), detail);
    assertProblem(get("/api/v1/alerts/" + warning + "/roll-call", resident), 403, "forbidden");
    assertProblem(post("/api/v1/alerts/" + warning + "/check-in", login(DUTY).getString("access_token"),
        new JsonObject().put("status", "safe").encode()), 403, "forbidden");

    JsonObject rollCall = new JsonObject(get("/api/v1/alerts/" + warning + "/roll-call",
        login(DUTY).getString("access_token")).body());
    assertEquals(1, rollCall.getJsonObject("counts").getInteger("safe"));
    assertEquals(RESIDENT, rollCall.getJsonArray("residents").getJsonObject(0).getString("phone"));

    assertEquals(204, delete("/api/v1/me/push-tokens/" + token, resident).statusCode());
    assertProblem(delete("/api/v1/me/push-tokens/" + token, resident), 404, "not-found");
  }

  @Test
  void pointsShowTheirLevelDevicesAndCurves() throws Exception {
    int gauge = (int) one("SELECT id FROM sensor WHERE channel = 'rainfall'");
    api.sql("INSERT INTO reading SELECT " + gauge + ", timestamptz '2025-07-01 00:00Z' + i * INTERVAL '1 minute',"
        + " i % 10, 0, now() FROM generate_series(0, 119) i ON CONFLICT DO NOTHING");
    String duty = login(DUTY).getString("access_token");
    JsonObject points = new JsonObject(get("/api/v1/points", duty).body());
    assertEquals("510100000001", points.getJsonArray("items").getJsonObject(0).getString("code"));
    JsonObject point = new JsonObject(get("/api/v1/points/510100000001", duty).body());
    assertEquals(2, point.getJsonArray("devices").size());
    JsonObject raw = new JsonObject(get("/api/v1/sensors/" + gauge
        + "/readings?from=2025-07-01T00:00:00Z&to=2025-07-01T00:10:00Z", duty).body());
    assertEquals(10, raw.getJsonArray("items").size());
    JsonObject hourly = new JsonObject(get("/api/v1/sensors/" + gauge
        + "/readings?from=2025-07-01T00:00:00Z&to=2025-07-01T02:00:00Z&bucket=60", duty).body());
    assertEquals(2, hourly.getJsonArray("items").size());
    assertEquals(9.0, hourly.getJsonArray("items").getJsonObject(0).getDouble("max"));
    assertProblem(get("/api/v1/sensors/" + gauge + "/readings?from=2025-07-02T00:00:00Z&to=2025-07-01T00:00:00Z",
        duty), 400, "invalid-range");
    JsonObject withOffset = new JsonObject(get("/api/v1/sensors/" + gauge
        + "/readings?from=2025-07-01T08:00:00%2B08:00&to=2025-07-01T08:10:00%2B08:00", duty).body());
    assertEquals(10, withOffset.getJsonArray("items").size(), "a time with an encoded + offset");
    assertProblem(get("/api/v1/points/NOWHERE", duty), 404, "not-found");
    String resident = login(RESIDENT).getString("access_token");
    JsonObject asResident = new JsonObject(get("/api/v1/points/510100000001", resident).body());
    assertEquals("primary school playground", asResident.getJsonObject("evacuation_plan")
        .getString("assembly_point"));
    assertEquals(null, asResident.getValue("devices"), "residents never see device health");
    assertProblem(get("/api/v1/sensors/" + gauge + "/readings?from=2025-07-01T00:00:00Z&to=2025-07-01T00:10:00Z",
        resident), 404, "not-found");

    String admin = login(ApiHarness.ADMIN).getString("access_token");
    JsonObject first = new JsonObject(get("/api/v1/points?limit=1", admin).body());
    assertEquals("510100000001", first.getJsonArray("items").getJsonObject(0).getString("code"));
    JsonObject second = new JsonObject(get("/api/v1/points?limit=1&cursor=" + first.getString("next_cursor"), admin)
        .body());
    assertEquals("520200000001", second.getJsonArray("items").getJsonObject(0).getString("code"));
  }

  @Test
  void refreshTokensRotateAndLogoutRevokes() throws Exception {
    JsonObject tokens = login(MONITOR);
    String refresh = tokens.getString("refresh_token");
    HttpResponse<String> renewed = post("/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", refresh).encode());
    assertEquals(200, renewed.statusCode());
    String next = new JsonObject(renewed.body()).getString("refresh_token");
    assertNotEquals(refresh, next);
    assertProblem(post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", refresh).encode()),
        401, "unauthorized");
    String access = new JsonObject(renewed.body()).getString("access_token");
    assertEquals(204, post("/api/v1/auth/logout", access, new JsonObject().put("refresh_token", next).encode())
        .statusCode());
    assertProblem(post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", next).encode()),
        401, "unauthorized");
  }

  @Test
  void repeatedFailedSignInsAreSlowedDown() throws Exception {
    for (int i = 0; i < 5; i++) {
      post("/api/v1/auth/login", null, new JsonObject().put("phone", "13800000099").put("password", "guess").encode());
    }
    assertProblem(post("/api/v1/auth/login", null,
        new JsonObject().put("phone", "13800000099").put("password", "guess").encode()), 429, "too-many-attempts");
  }

  @Test
  void theContractIsServed() throws Exception {
    HttpResponse<String> contract = get("/openapi.yaml", null);
    assertEquals(200, contract.statusCode());
    assertTrue(contract.body().startsWith("openapi: 3.1.0"));
    assertProblem(get("/api/v1/nothing-here", login(DUTY).getString("access_token")), 404, "not-found");
  }

  private static JsonObject login(String phone) throws Exception {
    return api.login(phone);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return api.get(path, token);
  }

  private static HttpResponse<String> post(String path, String token, String body) throws Exception {
    return api.post(path, token, body);
  }

  private static HttpResponse<String> delete(String path, String token) throws Exception {
    return api.delete(path, token);
  }

  private static long one(String sql) throws Exception {
    return api.one(sql);
  }
}
