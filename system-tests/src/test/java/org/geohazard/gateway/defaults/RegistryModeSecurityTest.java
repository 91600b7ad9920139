package org.geohazard.gateway.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source of truth for the registry. In {@code api} mode the file seeds an empty database once and a restart
 * never undoes what administrators changed; in {@code file} mode the file is the truth and the API refuses, up
 * front, to change what the file owns.
 */
@Timeout(120)
class RegistryModeSecurityTest {
  private static final String ADMIN = "13600000000";
  private static final String DUTY = "13600000001";
  private static final String OWNED = "urn:geohazard:problem:owned-by-file";

  @TempDir
  Path work;

  @Test
  void inApiModeWhatAdministratorsChangedSurvivesARestartWithTheSameFile() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> env = environment(database, "api");

    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      ApiClient api = api(gateway);
      String admin = api.login(ADMIN, "admin-owned-pass");
      api.expect(200, "PATCH", "/api/v1/admin/points/P-OWN/rules/rainfall", admin,
          new JsonObject().put("enabled", false));
      api.expect(200, "PUT", "/api/v1/admin/people/" + dutyId(sql) + "/roles", admin,
          new JsonObject().put("roles", new JsonArray()));
      api.expect(204, "DELETE", "/api/v1/admin/roster/" + shiftId(sql), admin, null);
    }
    try (GatewayRunner restarted = GatewayRunner.start(env)) {
      assertEquals(List.of("f"), sql.column("SELECT enabled FROM warning_rule WHERE point_code = 'P-OWN'"));
      assertEquals(0, sql.count("SELECT count(*) FROM person_role r JOIN person p ON p.id = r.person_id"
          + " WHERE p.phone = '" + DUTY + "'"));
      assertEquals(0, sql.count("SELECT count(*) FROM duty_shift"));
    }
  }

  @Test
  void inApiModeTheFileSeedsOnlyAnEmptyDatabase() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> env = environment(database, "api");
    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      assertEquals(1, sql.count("SELECT count(*) FROM registry_seed"));
    }
    sql.execute("DELETE FROM warning_rule WHERE point_code = 'P-OWN'");

    try (GatewayRunner restarted = GatewayRunner.start(env)) {
      assertEquals(0, sql.count("SELECT count(*) FROM warning_rule"), "the file was imported again");
    }
  }

  @Test
  void inFileModeTheApiRefusesToChangeWhatTheFileOwns() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Sql sql = new Sql(database.url());
    Map<String, String> env = environment(database, "file");
    String file = env.get("GEOHAZARD_REGISTRY_FILE");

    try (GatewayRunner gateway = GatewayRunner.start(env)) {
      ApiClient api = api(gateway);
      String admin = api.login(ADMIN, "admin-owned-pass");
      long duty = dutyId(sql);
      assertOwned(api.send("PATCH", "/api/v1/admin/points/P-OWN/rules/rainfall", admin,
          new JsonObject().put("enabled", false)), file);
      assertOwned(api.send("DELETE", "/api/v1/admin/points/P-OWN/rules/rainfall", admin, null), file);
      assertOwned(api.send("PUT", "/api/v1/admin/people/" + duty + "/roles", admin,
          new JsonObject().put("roles", new JsonArray())), file);
      assertOwned(api.send("DELETE", "/api/v1/admin/people/" + duty, admin, null), file);
      assertOwned(api.send("DELETE", "/api/v1/admin/roster/" + shiftId(sql), admin, null), file);
      assertOwned(api.send("POST", "/api/v1/admin/roster", admin, new JsonObject().put("county", "Own County")
          .put("person_id", duty).put("role", "duty_officer")
          .put("starts_at", "2030-02-01T00:00:00Z").put("ends_at", "2030-02-02T00:00:00Z")), file);
      assertOwned(api.send("PATCH", "/api/v1/admin/devices/RG-O1", admin,
          new JsonObject().put("interval_s", 30)), file);
      HttpResponse<String> csv = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1/admin/residents/import"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name,phone,lat,lon,point\nDuty,"
              + DUTY + ",30.1,104.2,\n")).build(), HttpResponse.BodyHandlers.ofString());
      JsonObject row = new JsonObject(csv.body()).getJsonArray("rows").getJsonObject(0);
      assertEquals("rejected", row.getString("outcome"), csv.body());
      assertTrue(row.getString("reason").contains(file), csv.body());
      // what the file does not list stays the administrators'
      api.expect(201, "POST", "/api/v1/admin/people", admin,
          new JsonObject().put("name", "Volunteer").put("phone", "13600000009"));

      // an API node beside the gateway, with no registry file of its own, refuses the same
      Map<String, String> apiEnv = environment(database, "api");
      apiEnv.remove("GEOHAZARD_REGISTRY_FILE");
      apiEnv.put("GEOHAZARD_NODE_ROLE", "api");
      try (GatewayRunner apiNode = GatewayRunner.start(apiEnv)) {
        assertOwned(api(apiNode).send("PATCH", "/api/v1/admin/points/P-OWN/rules/rainfall", admin,
            new JsonObject().put("enabled", false)), file);
      }
    }
    try (GatewayRunner restarted = GatewayRunner.start(env)) {
      assertEquals(List.of("t"), sql.column("SELECT enabled FROM warning_rule WHERE point_code = 'P-OWN'"));
      assertEquals(1, sql.count("SELECT count(*) FROM duty_shift"));
      assertEquals(List.of("13600000009"), sql.column("SELECT phone FROM person WHERE name = 'Volunteer'"));
    }
  }

  private Map<String, String> environment(DatabaseConfig database, String mode) throws Exception {
    Path registry = GatewayRunner.registry(work, "/registry-owned.yaml");
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "owned/v1", registry);
    env.put("GEOHAZARD_REGISTRY_MODE", mode);
    return env;
  }

  private static ApiClient api(GatewayRunner gateway) {
    return new ApiClient("http://127.0.0.1:" + gateway.httpPort());
  }

  private static long dutyId(Sql sql) {
    return sql.count("SELECT id FROM person WHERE phone = '" + DUTY + "'");
  }

  private static long shiftId(Sql sql) {
    return sql.count("SELECT id FROM duty_shift");
  }

  private static void assertOwned(HttpResponse<String> response, String file) {
    assertEquals(409, response.statusCode(), response.body());
    JsonObject problem = new JsonObject(response.body());
    assertEquals(OWNED, problem.getString("type"), response.body());
    assertTrue(problem.getString("detail").contains(file), response.body());
  }
}
