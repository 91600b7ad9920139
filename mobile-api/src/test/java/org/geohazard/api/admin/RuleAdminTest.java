package org.geohazard.api.admin;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.POINT;
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
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.engine.PointEvaluator;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators maintain a point's warning rules through the API, checked as the registry import checks them. */
@Timeout(120)
class RuleAdminTest {
  private static final String RULES = "/api/v1/admin/points/" + POINT + "/rules/";
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
  void aRuleIsCreatedReplacedAndKeepsItsFlagAndState() throws Exception {
    HttpResponse<String> created = api.put(RULES + "crack-level", admin, threshold(5, 10).encode());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject rule = new JsonObject(created.body());
    assertTrue(rule.getBoolean("enabled"));
    assertEquals("crack-level", rule.getJsonObject("definition").getString("name"));
    assertNull(rule.getString("level"));
    assertEquals(1, api.one("SELECT count(*) FROM warning_rule WHERE point_code = '" + POINT + "'"
        + " AND name = 'crack-level' AND enabled AND (definition->'levels'->>'red')::float = 10"));

    long id = rule.getLong("id");
    api.sql("INSERT INTO rule_state VALUES (" + id + ", 3, 0, 0, -1, -1, 1751328000000, 7.5, now())");
    ok(api.patch(RULES + "crack-level", admin, "{\"enabled\": false}"));
    HttpResponse<String> replaced = api.put(RULES + "crack-level", admin,
        threshold(6, 12).put("name", "crack-level").encode());
    assertEquals(200, replaced.statusCode(), replaced.body());
    JsonObject now = new JsonObject(replaced.body());
    assertFalse(now.getBoolean("enabled"));
    assertEquals("orange", now.getString("level"));
    assertEquals("2025-07-01T00:00:00Z", now.getString("evaluated_to"));
    assertEquals(12, now.getJsonObject("definition").getJsonObject("levels").getInteger("red"));
    assertEquals(1, api.one("SELECT count(*) FROM rule_state WHERE rule_id = " + id + " AND severity = 3"));
    assertEquals(now, ok(api.get(RULES + "crack-level", admin)));
  }

  @Test
  void everyKindOfTheRegistryFileIsAccepted() throws Exception {
    JsonObject rain = new JsonObject().put("kind", "accumulation").put("channel", "RG-T1/rainfall")
        .put("windows", new JsonObject().put("1h", levels(35, 80)).put("24h", levels(100, 200)))
        .put("clear", new JsonObject().put("margin", 5).put("hold_minutes", 60)).put("standalone", false)
        .put("confirm", false);
    JsonObject rate = new JsonObject().put("kind", "rate").put("channel", "LF-T1/crack_width").put("window_h", 24)
        .put("per", "day").put("levels", levels(1, 30)).put("persistence", new JsonObject().put("samples", 2))
        .put("spike", 20).put("standalone", false);
    JsonObject creep = new JsonObject().put("kind", "tangent_angle")
        .put("channels", new JsonArray().add("LF-T1/crack_width").add("LF-T1/crack_width_2"))
        .put("steady_velocity_per_day", 2.8);
    JsonObject slope = new JsonObject().put("kind", "combination")
        .put("of", new JsonArray().add("kinds-rain").add("kinds-rate")).put("mode", "all");
    assertEquals(201, api.put(RULES + "kinds-rain", admin, rain.encode()).statusCode());
    assertEquals(201, api.put(RULES + "kinds-rate", admin, rate.encode()).statusCode());
    assertEquals(201, api.put(RULES + "kinds-creep", admin, creep.encode()).statusCode());
    HttpResponse<String> combined = api.put(RULES + "kinds-slope", admin, slope.encode());
    assertEquals(201, combined.statusCode(), combined.body());
    assertEquals(4, api.one("SELECT count(*) FROM warning_rule WHERE name LIKE 'kinds-%' AND enabled"));

    HttpResponse<String> inUse = api.delete(RULES + "kinds-rain", admin);
    assertProblem(inUse, 409, "conflict");
    assertTrue(new JsonObject(inUse.body()).getString("detail").contains("kinds-slope"));
    assertEquals(204, api.delete(RULES + "kinds-slope", admin).statusCode());
    assertEquals(204, api.delete(RULES + "kinds-rain", admin).statusCode());
  }

  @Test
  void aBrokenRuleIsRefusedWithTheParsersMessage() throws Exception {
    assertInvalidRule(threshold(10, 5), "thresholds must rise from blue to red");
    assertInvalidRule(threshold(1, 2).put("channel", "LF-T1/nothing"), "LF-T1/nothing is not a registered channel");
    assertInvalidRule(threshold(1, 2).put("channel", "crack_width"), "must read DEVICE/CHANNEL");
    assertInvalidRule(new JsonObject().put("kind", "change").put("channel", "LF-T1/crack_width")
        .put("levels", levels(1, 2)), "'baseline' must be a number");
    assertInvalidRule(new JsonObject().put("kind", "combination").put("of", new JsonArray().add("a").add("b")),
        "combines 'a', which is not another rule of this point");
    assertInvalidRule(new JsonObject().put("kind", "tangent_angle").put("channel", "LF-T1/crack_width"),
        "give steady_velocity_per_day");
    assertInvalidRule(threshold(1, 2).put("name", "other-name"), "the path names 'broken'");
    assertEquals(0, api.one("SELECT count(*) FROM warning_rule WHERE name = 'broken'"));
  }

  @Test
  void aRuleBodyOutsideTheContractIsAnInvalidRequest() throws Exception {
    assertProblem(api.put(RULES + "shape", admin, threshold(1, 2).put("persistance", 3).encode()),
        400, "invalid-request");
    assertProblem(api.put(RULES + "shape", admin, threshold(1, 2).put("kind", "magic").encode()),
        400, "invalid-request");
    JsonObject withoutKind = threshold(1, 2);
    withoutKind.remove("kind");
    assertProblem(api.put(RULES + "shape", admin, withoutKind.encode()), 400, "invalid-request");
    assertProblem(api.put(RULES + "shape", admin, new JsonObject().put("kind", "accumulation")
        .put("channel", "RG-T1/rainfall").put("windows", new JsonObject().put("1d", levels(1, 2))).encode()),
        400, "invalid-request");
    assertProblem(api.put(RULES + "shape", admin, threshold(1, 2).put("levels", new JsonObject().put("Red", 3))
        .encode()), 400, "invalid-request");
    assertProblem(api.put(RULES + "shape", admin, threshold(1, 2).put("channel", "x".repeat(141)).encode()),
        400, "invalid-request");
    assertProblem(api.put(RULES + "x".repeat(101), admin, threshold(1, 2).encode()), 400, "invalid-request");
    assertProblem(api.put(RULES + "shape", admin, "[]"), 400, "invalid-request");
    assertProblem(api.put("/api/v1/admin/points/999/rules/shape", admin, threshold(1, 2).encode()),
        404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM warning_rule WHERE name = 'shape'"));
  }

  @Test
  void enablingChecksTheChannelsAgain() throws Exception {
    ok(api.put(RULES + "toggle", admin, threshold(1, 2).encode()));
    assertFalse(ok(api.patch(RULES + "toggle", admin, "{\"enabled\": false}")).getBoolean("enabled"));
    assertEquals(1, api.one("SELECT count(*) FROM warning_rule WHERE name = 'toggle' AND NOT enabled"));
    assertTrue(ok(api.patch(RULES + "toggle", admin, "{\"enabled\": true}")).getBoolean("enabled"));
    assertProblem(api.patch(RULES + "toggle", admin, "{\"enabled\": \"yes\"}"), 400, "invalid-request");
    assertProblem(api.patch(RULES + "nothing-here", admin, "{\"enabled\": true}"), 404, "not-found");

    api.sql("UPDATE warning_rule SET enabled = false, definition = jsonb_set(definition, '{channel}',"
        + " '\"GONE-1/crack_width\"') WHERE name = 'toggle'");
    HttpResponse<String> refused = api.patch(RULES + "toggle", admin, "{\"enabled\": true}");
    assertProblem(refused, 409, "conflict");
    assertTrue(new JsonObject(refused.body()).getString("detail").contains("GONE-1/crack_width"));
  }

  @Test
  void deletingARuleRemovesItsStateAndTheOpenWarningEndsAtTheNextEvaluation() throws Exception {
    JsonObject rule = ok(api.put(RULES + "delete-me", admin, threshold(1, 2).encode()));
    api.sql("INSERT INTO rule_state VALUES (" + rule.getLong("id") + ", 4, 0, 0, -1, -1, 0, 3, now())");
    api.sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES ('" + POINT + "', 'warning',"
        + " 'warning', 'red', 'Test slope warning')");
    assertEquals(204, api.delete(RULES + "delete-me", admin).statusCode());
    assertEquals(0, api.one("SELECT count(*) FROM warning_rule WHERE name = 'delete-me'"));
    assertEquals(0, api.one("SELECT count(*) FROM rule_state WHERE rule_id = " + rule.getLong("id")));
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE point_code = '" + POINT + "' AND closed_at IS NULL"));
    assertProblem(api.delete(RULES + "delete-me", admin), 404, "not-found");

    api.sql("UPDATE warning_rule SET enabled = false WHERE point_code = '" + POINT + "'");
    try (Connection c = api.database().dataSource().getConnection()) {
      new PointEvaluator(3_600_000L, new Notifier(DeliveryConfig.DEFAULTS)).evaluate(c, POINT);
    }
    assertEquals(0, api.one("SELECT count(*) FROM alert WHERE point_code = '" + POINT + "' AND closed_at IS NULL"));
    assertEquals(1, api.one("SELECT count(*) FROM alert_event WHERE type = 'expired'"));
  }

  @Test
  void rulesAreListedByPageInTheOrderTheyAreEvaluated() throws Exception {
    for (int i = 0; i < 3; i++) {
      ok(api.put(RULES + "page-" + i, admin, threshold(1, 2 + i).encode()));
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    long lastId = 0;
    do {
      JsonObject page = ok(api.get("/api/v1/admin/points/" + POINT + "/rules?limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), admin));
      for (Object item : page.getJsonArray("items")) {
        JsonObject rule = (JsonObject) item;
        assertTrue(rule.getLong("id") > lastId);
        lastId = rule.getLong("id");
        assertTrue(seen.add(rule.getString("name")));
      }
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertEquals(api.one("SELECT count(*) FROM warning_rule WHERE point_code = '" + POINT + "'"), seen.size());
    assertTrue(seen.containsAll(Set.of("page-0", "page-1", "page-2")));
    assertProblem(api.get("/api/v1/admin/points/999/rules", admin), 404, "not-found");
    assertProblem(api.get("/api/v1/admin/points/" + POINT + "/rules?cursor=bm90LWEtbnVtYmVy", admin),
        400, "invalid-cursor");
  }

  @Test
  void sqlMetacharactersInANameAreStoredAndReturnedAsText() throws Exception {
    String name = "rain'); DROP TABLE warning_rule; --";
    String path = RULES + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    HttpResponse<String> created = api.put(path, admin, threshold(1, 2).encode());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(name, new JsonObject(created.body()).getString("name"));
    assertEquals(name, ok(api.get(path, admin)).getString("name"));
    assertEquals(1, api.one("SELECT count(*) FROM warning_rule WHERE name = 'rain''); DROP TABLE warning_rule; --'"
        + " AND definition->>'name' = name"));
  }

  @Test
  void namesWithPlusAndPercentSignsSurviveThePath() throws Exception {
    String name = "rain+50% 1h";
    String path = RULES + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    HttpResponse<String> created = api.put(path, admin, threshold(1, 2).encode());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(name, new JsonObject(created.body()).getString("name"));
    assertEquals(name, ok(api.get(path, admin)).getString("name"));
  }

  private static void assertInvalidRule(JsonObject body, String detail) throws Exception {
    HttpResponse<String> response = api.put(RULES + "broken", admin, body.encode());
    assertProblem(response, 400, "invalid-rule");
    String message = new JsonObject(response.body()).getString("detail");
    assertTrue(message.contains(detail), message);
  }

  private static JsonObject threshold(double yellow, double red) {
    return new JsonObject().put("kind", "threshold").put("channel", "LF-T1/crack_width")
        .put("levels", new JsonObject().put("yellow", yellow).put("red", red));
  }

  private static JsonObject levels(double blue, double red) {
    return new JsonObject().put("blue", blue).put("red", red);
  }

}
