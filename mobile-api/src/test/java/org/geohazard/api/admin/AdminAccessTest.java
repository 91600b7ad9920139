package org.geohazard.api.admin;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Only administrators reach the administration endpoints: every other role is forbidden, no token is 401. */
@Timeout(120)
class AdminAccessTest {
  private static final String RULE = "/api/v1/admin/points/" + POINT + "/rules/guarded";
  private static ApiHarness api;
  private static long shift;

  /** A valid request to every administration operation. */
  private record Call(String method, String path, String body) {
  }

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO warning_rule (point_code, name, definition) VALUES ('" + POINT + "', 'guarded',"
        + " '{\"name\": \"guarded\", \"kind\": \"threshold\", \"channel\": \"RG-T1/rainfall\", \"levels\": {\"red\": 50}}')");
    api.sql("INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) SELECT 'Test County', id,"
        + " 'duty_officer', '2026-06-01T00:00:00Z', '2026-06-01T12:00:00Z' FROM person WHERE phone = '" + DUTY + "'");
    shift = api.one("SELECT id FROM duty_shift");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<Call> calls() throws Exception {
    String device = new JsonObject().put("id", "GUARD-1").put("point", POINT).put("siren", true).encode();
    String rule = new JsonObject().put("kind", "threshold").put("channel", "RG-T1/rainfall")
        .put("levels", new JsonObject().put("red", 10)).encode();
    String policy = new JsonObject().put("roles", new JsonArray().add("duty_officer")).put("sirens", true).encode();
    String newShift = new JsonObject().put("county", "Test County").put("person_id", api.personId(DUTY))
        .put("role", "duty_officer").put("starts_at", "2026-07-01T00:00:00Z").put("ends_at", "2026-07-01T08:00:00Z")
        .encode();
    return List.of(
        new Call("GET", "/api/v1/admin/devices", null),
        new Call("POST", "/api/v1/admin/devices", device),
        new Call("GET", "/api/v1/admin/devices/LF-T1", null),
        new Call("PATCH", "/api/v1/admin/devices/LF-T1", "{\"model\": \"taken over\"}"),
        new Call("PUT", "/api/v1/admin/devices/LF-T1/channels/tilt_x", "{}"),
        new Call("GET", "/api/v1/admin/points/" + POINT + "/rules", null),
        new Call("GET", RULE, null),
        new Call("PUT", RULE, rule),
        new Call("PATCH", RULE, "{\"enabled\": false}"),
        new Call("DELETE", RULE, null),
        new Call("GET", "/api/v1/admin/points/" + POINT + "/recipient-policy", null),
        new Call("PUT", "/api/v1/admin/points/" + POINT + "/recipient-policy/red", policy),
        new Call("DELETE", "/api/v1/admin/points/" + POINT + "/recipient-policy/red", null),
        new Call("GET", "/api/v1/admin/roster", null),
        new Call("POST", "/api/v1/admin/roster", newShift),
        new Call("DELETE", "/api/v1/admin/roster/" + shift, null));
  }

  @Test
  void everyRoleButAdministratorIsForbiddenAndNothingChanges() throws Exception {
    for (String phone : List.of(DUTY, MONITOR, RESIDENT, LEADER, RESPONSIBLE, OTHER_DUTY)) {
      String token = api.token(phone);
      for (Call call : calls()) {
        assertProblem(send(call, token), 403, "forbidden");
      }
    }
    assertEquals(0, api.one("SELECT count(*) FROM device WHERE id = 'GUARD-1' OR model = 'taken over'"));
    assertEquals(0, api.one("SELECT count(*) FROM sensor WHERE channel = 'tilt_x'"));
    assertEquals(1, api.one("SELECT count(*) FROM warning_rule WHERE name = 'guarded' AND enabled"
        + " AND (definition->'levels'->>'red')::int = 50"));
    assertEquals(0, api.one("SELECT count(*) FROM recipient_policy"));
    assertEquals(1, api.one("SELECT count(*) FROM duty_shift"));
  }

  @Test
  void withoutATokenEveryCallIsUnauthorized() throws Exception {
    for (Call call : calls()) {
      assertProblem(send(call, null), 401, "unauthorized");
    }
  }

  private static HttpResponse<String> send(Call call, String token) throws Exception {
    HttpRequest.Builder request = api.request(call.path(), token);
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    }
    return api.send(request);
  }
}
