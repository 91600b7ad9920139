package org.geohazard.api.auth;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.api.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request without a valid access token is answered 401 before its body is read (sign-in and refresh aside, which
 * need theirs); connections silent for the idle timeout are closed; connections over the cap are closed at once.
 */
@Timeout(120)
class RequestHandlingSecurityTest {
  private static final String RESOLVE = "/api/v1/alerts/1/resolve";
  private static ApiHarness api;
  private static ApiHarness tight;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    tight = ApiHarness.start(ApiHarness.connections(2, 3, Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stop() {
    api.close();
    tight.close();
  }

  @Test
  void anUnauthenticatedRequestIsRefusedBeforeItsBodyArrives() throws Exception {
    try (RawHttp http = RawHttp.connect(api.port(), "127.0.0.1")) {
      // a body within the limit is announced, and only its first bytes are sent
      RawHttp.Response response = http.send("POST", RESOLVE, Map.of("Content-Type", "application/json",
          "Content-Length", "60000"), "{\"note\": \"".getBytes(StandardCharsets.UTF_8)).read();
      assertEquals(401, response.status(), response.body());
      assertTrue(response.headers().get("content-type").startsWith("application/problem+json"));
    }
  }

  @Test
  void anUnauthenticatedRequestWithAHugeBodyGets401Not413() throws Exception {
    try (RawHttp http = RawHttp.connect(api.port(), "127.0.0.1")) {
      RawHttp.Response response = http.send("POST", RESOLVE, Map.of("Content-Type", "application/json",
          "Content-Length", String.valueOf(500L * 1024 * 1024), "Authorization", "Bearer not-a-token"),
          new byte[1024]).read();
      assertEquals(401, response.status(), response.body());
    }
  }

  @Test
  void theBodiesOfSignInAndRefreshAreSmall() throws Exception {
    String padded = new JsonObject().put("phone", DUTY).put("password", "x".repeat(20_000)).encode();
    ApiHarness.assertProblem(api.post("/api/v1/auth/login", null, padded), 413, "payload-too-large");
    ApiHarness.assertProblem(api.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", "y".repeat(20_000)).encode()), 413, "payload-too-large");
  }

  @Test
  void signInAndAuthenticatedRequestsStillReadTheirBodies() throws Exception {
    String token = api.token(DUTY);
    api.sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
        + " ('510100000001', 'warning', 'warning', 'orange', 'Body test warning')");
    long alert = api.one("SELECT max(id) FROM alert");
    assertEquals(200, api.post("/api/v1/alerts/" + alert + "/resolve", token,
        new JsonObject().put("note", "slope checked, no movement").encode()).statusCode());
    ApiHarness.assertProblem(api.post("/api/v1/alerts/" + alert + "/resolve", token,
        new JsonObject().put("note", "x".repeat(70_000)).encode()), 413, "payload-too-large");
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (RawHttp idle = RawHttp.connect(tight.port(), "127.0.0.1")) {
      assertTrue(idle.closedByServer(Duration.ofSeconds(8)), "the idle connection is still open");
    }
  }

  @Test
  void connectionsOverTheCapAreClosedAtOnceAndAFreedPlaceIsServed() throws Exception {
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawHttp connection = RawHttp.connect(tight.port(), "127.0.0.1");
        held.add(connection);
        assertEquals(401, connection.send("GET", "/api/v1/alerts", Map.of(), null).read().status());
      }
      try (RawHttp over = RawHttp.connect(tight.port(), "127.0.0.1")) {
        assertTrue(over.closedByServer(Duration.ofSeconds(1)), "a fourth connection is refused");
      }
      held.remove(0).close();
      boolean served = false;
      for (int attempt = 0; attempt < 40 && !served; attempt++) {
        try (RawHttp again = RawHttp.connect(tight.port(), "127.0.0.1")) {
          again.send("GET", "/api/v1/alerts", Map.of("Connection", "close"), null);
          served = again.read().status() == 401;
        } catch (java.io.IOException refused) {
          Thread.sleep(50);
        }
      }
      assertTrue(served, "a freed place is served again");
      assertFalse(held.isEmpty());
    } finally {
      for (RawHttp connection : held) {
        connection.close();
      }
    }
  }
}
