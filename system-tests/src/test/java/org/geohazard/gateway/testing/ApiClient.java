package org.geohazard.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The apps' API as the tests call it: sign in, send a request, expect its status. */
public final class ApiClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  /** Signs in; returns the access token. */
  public String login(String phone, String password) throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
        new JsonObject().put("phone", phone).put("password", password));
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body()).getString("access_token");
  }

  public HttpResponse<String> send(String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends and asserts the status; returns the body. */
  public String expect(int status, String method, String path, String token, JsonObject body) throws Exception {
    HttpResponse<String> response = send(method, path, token, body);
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    return response.body();
  }

  /** A GET answered with 200 and a JSON object. */
  public JsonObject json(String method, String path, String token) throws Exception {
    return new JsonObject(expect(200, method, path, token, null));
  }
}
