package org.geohazard.api.admin;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.util.List;
import org.geohazard.alerts.RecipientPolicy;
import org.geohazard.alerts.Recipients;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.domain.WarningLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators set who is told at each level of a point, and reset it to the defaults. */
@Timeout(120)
class RecipientPolicyAdminTest {
  private static final String POLICY = "/api/v1/admin/points/" + POINT + "/recipient-policy";
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
  void withoutRowsThePolicyIsTheDefaults() throws Exception {
    JsonObject policy = ok(api.get("/api/v1/admin/points/" + ApiHarness.OTHER_POINT + "/recipient-policy", admin));
    JsonArray levels = policy.getJsonArray("levels");
    assertEquals(4, levels.size());
    for (int i = 0; i < 4; i++) {
      JsonObject level = levels.getJsonObject(i);
      RecipientPolicy defaults = RecipientPolicy.defaultFor(WarningLevel.byKey(level.getString("level")).get());
      assertEquals(new JsonArray(defaults.roles()), level.getJsonArray("roles"));
      assertEquals(defaults.sirens(), level.getBoolean("sirens"));
      assertFalse(level.getBoolean("custom"));
    }
    assertEquals(List.of("blue", "yellow", "orange", "red"),
        levels.stream().map(l -> ((JsonObject) l).getString("level")).toList());
  }

  @Test
  void aLevelIsSetAndTheAlertsUseItThenResetToTheDefaults() throws Exception {
    JsonObject set = ok(api.put(POLICY + "/orange", admin, new JsonObject()
        .put("roles", new JsonArray().add("duty_officer").add("leader").add("resident")).put("sirens", true).encode()));
    assertTrue(set.getBoolean("custom"));
    assertTrue(set.getBoolean("sirens"));
    assertEquals(1, api.one("SELECT count(*) FROM recipient_policy WHERE point_code = '" + POINT + "'"
        + " AND level = 'orange' AND roles = ARRAY['duty_officer', 'leader', 'resident'] AND sirens"));
    try (Connection c = api.database().dataSource().getConnection()) {
      assertEquals(new RecipientPolicy(List.of("duty_officer", "leader", "resident"), true),
          Recipients.policy(c, POINT, WarningLevel.ORANGE));
    }
    JsonObject orange = ok(api.get(POLICY, admin)).getJsonArray("levels").getJsonObject(2);
    assertEquals(set, orange);

    JsonObject reset = ok(api.delete(POLICY + "/orange", admin));
    assertFalse(reset.getBoolean("custom"));
    assertFalse(reset.getBoolean("sirens"));
    assertEquals(0, api.one("SELECT count(*) FROM recipient_policy WHERE point_code = '" + POINT + "'"));
    assertEquals(reset, ok(api.delete(POLICY + "/orange", admin)));
  }

  @Test
  void aPolicyWithoutTheDutyOfficersOrOutsideTheContractIsRefused() throws Exception {
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray().add("monitor"))
        .put("sirens", false).encode()), 400, "invalid-policy");
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray()
        .add("duty_officer").add("admin")).put("sirens", false).encode()), 400, "invalid-request");
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray()
        .add("duty_officer").add("duty_officer")).put("sirens", false).encode()), 400, "invalid-request");
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray())
        .put("sirens", false).encode()), 400, "invalid-request");
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray().add("duty_officer"))
        .put("sirens", false).put("sms", true).encode()), 400, "invalid-request");
    assertProblem(api.put(POLICY + "/blue", admin, new JsonObject().put("roles", new JsonArray().add("duty_officer"))
        .encode()), 400, "invalid-request");
    assertProblem(api.put(POLICY + "/purple", admin, new JsonObject().put("roles", new JsonArray()
        .add("duty_officer")).put("sirens", false).encode()), 400, "invalid-request");
    assertProblem(api.put("/api/v1/admin/points/999/recipient-policy/blue", admin, new JsonObject()
        .put("roles", new JsonArray().add("duty_officer")).put("sirens", false).encode()), 404, "not-found");
    assertProblem(api.get("/api/v1/admin/points/%27%3B%20DROP%20TABLE%20recipient_policy%3B%20--/recipient-policy",
        admin), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM recipient_policy"));
  }
}
