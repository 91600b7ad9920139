package org.geohazard.api.auth;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.PASSWORD;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.api.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failed sign-ins slow down the client that makes them, for the account it tries, and never lock the account for
 * everybody: a duty officer signs in while an attacker elsewhere guesses the officer's password. The API runs behind
 * a trusted proxy at 127.0.0.1, which names clients in X-Forwarded-For; 127.0.0.2 is a client without a proxy.
 */
@Timeout(120)
class SignInThrottleSecurityTest {
  private static final String LOGIN = "/api/v1/auth/login";
  private static final String OFFICE = "198.51.100.20";
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start(ApiHarness.signIn(
        new SignInLimits(3, Duration.ofSeconds(2), Duration.ofMinutes(1), 8, Duration.ofMinutes(15)),
        "127.0.0.1/32"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anAttackersFailuresFromElsewhereNeverStopTheOfficer() throws Exception {
    for (int i = 0; i < 8; i++) {
      int status = signIn(DUTY, "guess-" + i, "203.0.113.7").statusCode();
      assertTrue(status == 401 || status == 429, "attempt " + i + ": " + status);
    }
    HttpResponse<String> officer = signIn(DUTY, PASSWORD, OFFICE);
    assertEquals(200, officer.statusCode(), officer.body());
  }

  @Test
  void theAttackerWaitsLongerAfterEachFailure() throws Exception {
    String attacker = "203.0.113.8";
    for (int i = 0; i < 3; i++) {
      assertProblem(signIn(MONITOR, "guess-" + i, attacker), 401, "unauthorized");
    }
    HttpResponse<String> slowed = signIn(MONITOR, PASSWORD, attacker);
    assertProblem(slowed, 429, "too-many-attempts");
    long first = retryAfter(slowed);
    assertTrue(first >= 1 && first <= 2, "the first wait, 2 s from the third failure: Retry-After " + first);

    Thread.sleep(first * 1000 + 100);
    assertProblem(signIn(MONITOR, "guess-3", attacker), 401, "unauthorized");
    HttpResponse<String> slowerStill = signIn(MONITOR, "guess-4", attacker);
    assertProblem(slowerStill, 429, "too-many-attempts");
    long second = retryAfter(slowerStill);
    assertTrue(second >= 3 && second <= 4, "the wait doubles to 4 s: Retry-After " + second);
    assertEquals(200, signIn(MONITOR, PASSWORD, OFFICE).statusCode(), "another address is not slowed");
  }

  @Test
  void aForgedForwardedHeaderFromAnUntrustedClientIsIgnored() throws Exception {
    for (int i = 0; i < 3; i++) {
      RawHttp.Response wrong = RawHttp.postJson(api.port(), "127.0.0.2", LOGIN, credentials(RESIDENT, "guess-" + i),
          Map.of("X-Forwarded-For", "192.0.2." + (10 + i), "Forwarded", "for=192.0.2." + (20 + i)));
      assertEquals(401, wrong.status(), wrong.body());
    }
    RawHttp.Response slowed = RawHttp.postJson(api.port(), "127.0.0.2", LOGIN, credentials(RESIDENT, "guess-9"),
        Map.of("X-Forwarded-For", "192.0.2.99"));
    assertEquals(429, slowed.status(), "the forged addresses did not make new clients: " + slowed.body());
    assertTrue(slowed.headers().containsKey("retry-after"), slowed.headers().toString());
    assertEquals(200, signIn(RESIDENT, PASSWORD, OFFICE).statusCode(), "the resident signs in from elsewhere");
  }

  @Test
  void ipv6AddressesOfOneNetworkShareABudget() throws Exception {
    String[] sameNetwork = {"2001:db8:1:2::a", "2001:db8:1:2::b", "2001:db8:1:2:ffff:ffff:ffff:1"};
    for (String address : sameNetwork) {
      assertProblem(signIn(RESPONSIBLE, "guess", address), 401, "unauthorized");
    }
    assertProblem(signIn(RESPONSIBLE, PASSWORD, "2001:db8:1:2::99"), 429, "too-many-attempts");
    assertEquals(200, signIn(RESPONSIBLE, PASSWORD, "2001:db8:1:3::1").statusCode(), "another /64 is another client");
  }

  @Test
  void oneAddressGuessingManyAccountsIsStoppedAndOthersAreNot() throws Exception {
    String sprayer = "203.0.113.9";
    for (int i = 0; i < 8; i++) {
      assertProblem(signIn("1370000000" + i, "guess", sprayer), 401, "unauthorized");
    }
    HttpResponse<String> stopped = signIn(LEADER, PASSWORD, sprayer);
    assertProblem(stopped, 429, "too-many-attempts");
    assertTrue(retryAfter(stopped) > 60, "until the oldest failure leaves the window: " + retryAfter(stopped));
    assertEquals(200, signIn(LEADER, PASSWORD, OFFICE).statusCode());
  }

  @Test
  void aSuccessfulSignInClearsTheClientsFailures() throws Exception {
    String phone = ApiHarness.ADMIN;
    String home = "203.0.113.10";
    for (int i = 0; i < 2; i++) {
      assertProblem(signIn(phone, "typo", home), 401, "unauthorized");
    }
    assertEquals(200, signIn(phone, PASSWORD, home).statusCode());
    for (int i = 0; i < 2; i++) {
      assertProblem(signIn(phone, "typo", home), 401, "unauthorized");
    }
    assertEquals(200, signIn(phone, PASSWORD, home).statusCode(), "two typos after a success are free again");
  }

  private static HttpResponse<String> signIn(String phone, String password, String client) throws Exception {
    return api.send(api.request(LOGIN, null).header("Content-Type", "application/json")
        .header("X-Forwarded-For", client)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(credentials(phone, password))));
  }

  private static String credentials(String phone, String password) {
    return new JsonObject().put("phone", phone).put("password", password).encode();
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
  }
}
