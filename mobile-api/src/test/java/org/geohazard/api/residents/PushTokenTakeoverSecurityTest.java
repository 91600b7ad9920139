package org.geohazard.api.residents;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A push token reaches one person's phone. Knowing it must not let anybody else take it over (the duty officer's phone
 * would stop ringing for their warnings): it moves to another person only by a fresh registration from the app that
 * holds it (its installation key, from a session that began after the token's last registration), and then the old
 * owner's row is gone; an older request replayed never moves it back.
 */
@Timeout(120)
class PushTokenTakeoverSecurityTest {
  private static final String INSTALLATION = "app-installation-key-of-the-shared-phone-0001";
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
  void aTokenOfAnotherPersonIsNotTakenWithoutTheAppsInstallationKey() throws Exception {
    String token = "fcm-token-of-the-duty-officers-phone-0001";
    assertEquals(204, register(api.token(DUTY), token, null).statusCode());

    String thief = api.login(MONITOR).getString("access_token");
    assertProblem(register(thief, token, null), 409, "push-token-taken");
    assertProblem(register(thief, token, "a-guessed-installation-key-000000000000"), 409, "push-token-taken");
    assertEquals(DUTY, holder(token));
    assertEquals(1, api.one("SELECT count(*) FROM push_token WHERE token = '" + token + "'"));
  }

  @Test
  void aFreshRegistrationFromTheSameAppMovesItAndRemovesTheOldOwnersRow() throws Exception {
    String token = "fcm-token-of-the-shared-village-phone-0002";
    String before = api.token(RESIDENT);
    assertEquals(204, register(before, token, INSTALLATION).statusCode());

    // another person signs in on the same phone; the app registers its token again
    String next = api.login(RESPONSIBLE).getString("access_token");
    assertEquals(204, register(next, token, INSTALLATION).statusCode());
    assertEquals(RESPONSIBLE, holder(token));
    assertEquals(0, api.one("SELECT count(*) FROM push_token t JOIN person p ON p.id = t.person_id"
        + " WHERE p.phone = '" + RESIDENT + "' AND t.token = '" + token + "'"), "the old owner's row is gone");

    // the registration happened well after the first person's session began
    api.sql("UPDATE push_token SET registered_at = registered_at + INTERVAL '5 seconds' WHERE token = '" + token + "'");
    assertProblem(register(before, token, INSTALLATION), 409, "push-token-taken");
    assertEquals(RESPONSIBLE, holder(token), "a replayed older registration moved the token back");
  }

  @Test
  void theOwnerRefreshesTheirTokenWithOrWithoutTheKey() throws Exception {
    String token = "fcm-token-of-the-leaders-phone-000000003";
    String leader = api.token(LEADER);
    assertEquals(204, register(leader, token, INSTALLATION).statusCode());
    assertEquals(204, api.post("/api/v1/me/push-tokens", leader, new JsonObject().put("token", token)
        .put("platform", "ios").put("language", "en").encode()).statusCode());
    assertEquals(1, api.one("SELECT count(*) FROM push_token WHERE token = '" + token + "' AND platform = 'ios'"
        + " AND language = 'en' AND installation_hash IS NOT NULL"));
    assertEquals(LEADER, holder(token));
  }

  private static java.net.http.HttpResponse<String> register(String access, String token, String installation)
      throws Exception {
    JsonObject body = new JsonObject().put("token", token).put("platform", "android");
    if (installation != null) {
      body.put("installation", installation);
    }
    return api.post("/api/v1/me/push-tokens", access, body.encode());
  }

  private static String holder(String token) throws Exception {
    long person = api.one("SELECT person_id FROM push_token WHERE token = '" + token + "'");
    try (var c = api.database().dataSource().getConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT phone FROM person WHERE id = " + person)) {
      r.next();
      return r.getString(1);
    }
  }
}
