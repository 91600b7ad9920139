package org.geohazard.api.people;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.PASSWORD;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
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
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators manage people and their roles; nobody else may. */
@Timeout(120)
class PeopleTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonObject create(String name, String phone) throws Exception {
    var response = api.post("/api/v1/admin/people", api.token(ADMIN),
        new JsonObject().put("name", name).put("phone", phone).encode());
    assertEquals(201, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void anAdministratorCreatesAPersonWithAPasswordWhoCanThenSignIn() throws Exception {
    JsonObject created = ok(api.post("/api/v1/admin/people", api.token(ADMIN), new JsonObject()
        .put("name", "Wang Fang").put("phone", "13700000001").put("password", PASSWORD).encode()));
    assertTrue(created.getBoolean("has_password"));
    assertEquals(0, created.getJsonArray("roles").size());
    assertNotNull(api.login("13700000001").getString("access_token"));
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '13700000001' AND password_hash LIKE '%"
        + PASSWORD + "%'"));
    assertProblem(api.post("/api/v1/admin/people", api.token(ADMIN),
        new JsonObject().put("name", "Again").put("phone", "13700000001").encode()), 409, "conflict");
    JsonObject fetched = ok(api.get("/api/v1/admin/people/" + created.getLong("id"), api.token(ADMIN)));
    assertEquals("Wang Fang", fetched.getString("name"));
    assertProblem(api.get("/api/v1/admin/people/999999", api.token(ADMIN)), 404, "not-found");
  }

  @Test
  void peopleAreSearchedByNameOrPhonePrefixPageByPage() throws Exception {
    create("Li Search One", "13711100001");
    create("Li Search Two", "13711100002");
    create("Zhao Sure", "13711100003");
    JsonObject byPhone = ok(api.get("/api/v1/admin/people?q=137111&limit=2", api.token(ADMIN)));
    assertEquals(2, byPhone.getJsonArray("items").size());
    String next = byPhone.getString("next_cursor");
    JsonObject rest = ok(api.get("/api/v1/admin/people?q=137111&limit=2&cursor=" + next, api.token(ADMIN)));
    assertEquals(1, rest.getJsonArray("items").size());
    assertEquals("13711100003", rest.getJsonArray("items").getJsonObject(0).getString("phone"));
    assertEquals(null, rest.getValue("next_cursor"));
    assertEquals(2, ok(api.get("/api/v1/admin/people?q=search", api.token(ADMIN))).getJsonArray("items").size());
    create("Zhao_Sure", "13711100004");
    assertEquals(1, ok(api.get("/api/v1/admin/people?q=" + q("o_S"), api.token(ADMIN))).getJsonArray("items")
        .size(), "an underscore matches itself, not any character");
    create("Wang 100% Sure", "13711100005");
    assertEquals(1, ok(api.get("/api/v1/admin/people?q=" + q("100%"), api.token(ADMIN))).getJsonArray("items")
        .size(), "a percent sign matches itself");
    assertEquals(0, ok(api.get("/api/v1/admin/people?q=" + q("_3711"), api.token(ADMIN))).getJsonArray("items")
        .size());
    assertProblem(api.get("/api/v1/admin/people?cursor=not-a-cursor!", api.token(ADMIN)), 400, "invalid-cursor");
    assertProblem(api.get("/api/v1/admin/people?limit=500", api.token(ADMIN)), 400, "invalid-request");
  }

  @Test
  void rolesFollowTheirScopes() throws Exception {
    long id = create("Role Holder", "13722200001").getLong("id");
    String path = "/api/v1/admin/people/" + id + "/roles";
    JsonObject set = ok(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "duty_officer").put("county", "Test County"))
        .add(new JsonObject().put("role", "monitor").put("point", POINT))).encode()));
    assertEquals(2, set.getJsonArray("roles").size());
    assertEquals(1, api.one("SELECT count(*) FROM person_role WHERE person_id = " + id
        + " AND role = 'duty_officer' AND county = 'Test County' AND point_code = '' AND origin = 'assigned'"));
    assertProblem(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "leader").put("point", POINT))).encode()), 400, "invalid-role-scope");
    assertProblem(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "admin").put("county", "Test County"))).encode()), 400,
        "invalid-role-scope");
    assertProblem(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "monitor"))).encode()), 400, "invalid-role-scope");
    assertProblem(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "resident").put("point", "999999999999"))).encode()), 400,
        "unknown-point");
    assertProblem(api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "mayor"))).encode()), 400, "invalid-request");
    assertEquals(2, api.one("SELECT count(*) FROM person_role WHERE person_id = " + id));
    long admin = api.personId(ADMIN);
    assertProblem(api.put("/api/v1/admin/people/" + admin + "/roles", api.token(ADMIN),
        new JsonObject().put("roles", new JsonArray()).encode()), 409, "conflict");
  }

  @Test
  void anUpdateReplacesNameAndPhoneAndRefusesATakenPhone() throws Exception {
    long id = create("Before", "13733300001").getLong("id");
    JsonObject updated = ok(api.put("/api/v1/admin/people/" + id, api.token(ADMIN),
        new JsonObject().put("name", "After").put("phone", "13733300002").encode()));
    assertEquals("After", updated.getString("name"));
    assertFalse(updated.getBoolean("has_password"));
    assertProblem(api.put("/api/v1/admin/people/" + id, api.token(ADMIN),
        new JsonObject().put("name", "After").put("phone", DUTY).encode()), 409, "conflict");
    assertProblem(api.put("/api/v1/admin/people/999999", api.token(ADMIN),
        new JsonObject().put("name", "Nobody").put("phone", "13733300009").encode()), 404, "not-found");
  }

  @Test
  void aPersonNothingRefersToIsDeletedAndOneInTheHistoryIsAnonymised() throws Exception {
    long plain = create("Short Stay", "13744400001").getLong("id");
    assertEquals("deleted", ok(api.delete("/api/v1/admin/people/" + plain, api.token(ADMIN))).getString("outcome"));
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE id = " + plain));

    long duty = api.personId(DUTY);
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, answered_at, answered_by) VALUES ('"
        + POINT + "', 'manual:70', 'manual', 'yellow', 'Answered by the duty officer', now(), " + duty + ")");
    assertEquals("anonymised", ok(api.delete("/api/v1/admin/people/" + duty, api.token(ADMIN)))
        .getString("outcome"));
    assertEquals(1, api.one("SELECT count(*) FROM person WHERE id = " + duty + " AND name = 'Former person'"
        + " AND phone <> '" + DUTY + "' AND password_hash IS NULL"));
    assertEquals(0, api.one("SELECT count(*) FROM person_role WHERE person_id = " + duty));
    assertEquals(1, api.one("SELECT count(*) FROM alert WHERE answered_by = " + duty));
    assertProblem(api.post("/api/v1/auth/login", null, new JsonObject().put("phone", DUTY)
        .put("password", PASSWORD).encode()), 401, "unauthorized");
    assertProblem(api.delete("/api/v1/admin/people/" + api.personId(ADMIN), api.token(ADMIN)), 409, "conflict");
    assertProblem(api.delete("/api/v1/admin/people/999999", api.token(ADMIN)), 404, "not-found");
  }

  @Test
  void nobodyButAdministratorsManagesPeople() throws Exception {
    long resident = api.personId(RESIDENT);
    for (String phone : new String[] {MONITOR, RESIDENT, ApiHarness.LEADER}) {
      String token = api.token(phone);
      assertProblem(api.get("/api/v1/admin/people", token), 403, "forbidden");
      assertProblem(api.get("/api/v1/admin/people/" + resident, token), 403, "forbidden");
      assertProblem(api.post("/api/v1/admin/people", token,
          new JsonObject().put("name", "Intruder").put("phone", "13755500001").encode()), 403, "forbidden");
      assertProblem(api.put("/api/v1/admin/people/" + resident + "/roles", token,
          new JsonObject().put("roles", new JsonArray().add(new JsonObject().put("role", "admin"))).encode()), 403,
          "forbidden");
      assertProblem(api.delete("/api/v1/admin/people/" + resident, token), 403, "forbidden");
    }
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '13755500001'"));
    assertEquals(1, api.one("SELECT count(*) FROM person_role WHERE person_id = " + resident));
  }

  @Test
  void invalidUnknownAndOversizedFieldsAreRefusedAndMetacharactersAreText() throws Exception {
    String admin = api.token(ADMIN);
    assertProblem(api.post("/api/v1/admin/people", admin, new JsonObject().put("name", "X").put("phone", "12ab")
        .encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/people", admin, new JsonObject().put("name", "X").put("phone", "13766600001")
        .put("role", "admin").encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/people", admin, new JsonObject().put("name", "n".repeat(101))
        .put("phone", "13766600001").encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/people", admin, new JsonObject().put("name", "X").put("phone", "13766600001")
        .put("password", "short").encode()), 400, "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '13766600001'"));
    String name = "Robert'); DROP TABLE person; --";
    assertEquals(name, create(name, "13766600002").getString("name"));
    assertEquals(1, api.one("SELECT count(*) FROM person WHERE phone = '13766600002'"));
  }
}
