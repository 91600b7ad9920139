package org.geohazard.api.auth;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.PASSWORD;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.registry.RegistryFileParser;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.registry.testing.DatabaseFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Refresh tokens rotate within a family: a used one presented again means it was copied, and the whole family ends
 * (the copy's and the rightful app's). A password change, a removed role or a removed person ends all of that
 * person's sessions, whether an administrator did it through the API or the registry file was imported.
 */
@Timeout(120)
class RefreshTokenSecurityTest {
  private static final String REFRESH = "/api/v1/auth/refresh";
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aReusedRefreshTokenEndsItsWholeFamily() throws Exception {
    String stolen = api.login(LEADER).getString("refresh_token");
    String otherDevice = api.login(LEADER).getString("refresh_token");
    String current = ApiHarness.ok(refresh(stolen)).getString("refresh_token");

    assertProblem(refresh(stolen), 401, "unauthorized");
    assertProblem(refresh(current), 401, "unauthorized");
    assertEquals(200, refresh(otherDevice).statusCode(), "another sign-in of the same person is another family");
  }

  @Test
  void aRotatedTokenStaysUsableForTheNextRotation() throws Exception {
    String first = api.login(LEADER).getString("refresh_token");
    String second = ApiHarness.ok(refresh(first)).getString("refresh_token");
    String third = ApiHarness.ok(refresh(second)).getString("refresh_token");
    assertEquals(200, refresh(third).statusCode());
  }

  @Test
  void aPasswordChangedByAnAdministratorEndsThePersonsSessions() throws Exception {
    String session = api.login(RESPONSIBLE).getString("refresh_token");
    long id = api.personId(RESPONSIBLE);
    HttpResponse<String> changed = api.put("/api/v1/admin/people/" + id, api.token(ADMIN), new JsonObject()
        .put("name", "Responsible Person").put("phone", RESPONSIBLE).put("password", "a-new-password-1").encode());
    assertEquals(200, changed.statusCode(), changed.body());

    assertProblem(refresh(session), 401, "unauthorized");
    assertEquals(200, api.post("/api/v1/auth/login", null, new JsonObject().put("phone", RESPONSIBLE)
        .put("password", "a-new-password-1").encode()).statusCode());
  }

  @Test
  void aRoleRemovedByAnAdministratorEndsThePersonsSessionsAndUnchangedRolesDoNot() throws Exception {
    String session = api.login(OTHER_DUTY).getString("refresh_token");
    String path = "/api/v1/admin/people/" + api.personId(OTHER_DUTY) + "/roles";
    JsonObject sameRoles = new JsonObject().put("roles", new JsonArray()
        .add(new JsonObject().put("role", "duty_officer").put("county", "Other County")));
    assertEquals(200, api.put(path, api.token(ADMIN), sameRoles.encode()).statusCode());
    session = ApiHarness.ok(refresh(session)).getString("refresh_token");

    assertEquals(200, api.put(path, api.token(ADMIN), new JsonObject().put("roles", new JsonArray()).encode())
        .statusCode());
    assertProblem(refresh(session), 401, "unauthorized");
  }

  @Test
  void aRoleRemovedInTheRegistryFileEndsTheSessionsOnImportAndAnUnchangedImportDoesNot() throws Exception {
    String monitor = api.login(MONITOR).getString("refresh_token");
    String duty = api.login(DUTY).getString("refresh_token");
    String registry = Files.readString(DatabaseFixture.testRegistry());
    importRegistry(registry);
    monitor = ApiHarness.ok(refresh(monitor)).getString("refresh_token");
    duty = ApiHarness.ok(refresh(duty)).getString("refresh_token");

    importRegistry(registry.replace("roles: [{role: monitor, point: \"510100000001\"}]", "roles: []"));
    assertProblem(refresh(monitor), 401, "unauthorized");
    assertEquals(200, refresh(duty).statusCode(), "people whose roles stayed keep their sessions");
    assertEquals(200, api.post("/api/v1/auth/login", null, new JsonObject().put("phone", MONITOR)
        .put("password", PASSWORD).encode()).statusCode(), "the person can still sign in");
  }

  @Test
  void aRemovedPersonsSessionsEnd() throws Exception {
    api.sql("INSERT INTO person (name, phone) VALUES ('Leaving', '13800000077')");
    api.sql("UPDATE person SET password_hash = (SELECT password_hash FROM person WHERE phone = '" + DUTY
        + "') WHERE phone = '13800000077'");
    String session = api.login("13800000077").getString("refresh_token");
    assertEquals(200, api.delete("/api/v1/admin/people/" + api.personId("13800000077"), api.token(ADMIN))
        .statusCode());
    assertProblem(refresh(session), 401, "unauthorized");
  }

  private static HttpResponse<String> refresh(String token) throws Exception {
    return api.post(REFRESH, null, new JsonObject().put("refresh_token", token).encode());
  }

  private static void importRegistry(String yaml) throws Exception {
    try (Connection c = api.database().dataSource().getConnection()) {
      RegistryImporter.importSpec(c, RegistryFileParser.parse(yaml));
    }
  }
}
