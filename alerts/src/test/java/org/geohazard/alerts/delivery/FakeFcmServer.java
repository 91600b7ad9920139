package org.geohazard.alerts.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks the FCM HTTP v1 API ({@code POST /v1/projects/{id}/messages:send}). The token decides
 * the answer: {@code ok-*} succeeds, {@code gone-*} is UNREGISTERED (404), {@code busy-*} is QUOTA_EXCEEDED (429 with
 * Retry-After: 7), {@code down-*} is UNAVAILABLE (503) for its first two requests and succeeds after.
 */
final class FakeFcmServer implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  FakeFcmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/projects/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<JsonObject> received() {
    return received;
  }

  int attempts(String token) {
    return attempts.getOrDefault(token, new AtomicInteger()).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/messages:send") || auth == null) {
      respond(exchange, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "bad request"), null);
      return;
    }
    JsonObject message = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
        .getJsonObject("message");
    String token = message.getString("token", "");
    int attempt = attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
    received.add(message);
    if (token.startsWith("gone-")) {
      respond(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."), null);
    } else if (token.startsWith("busy-")) {
      respond(exchange, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."), "7");
    } else if (token.startsWith("down-") && attempt <= 2) {
      respond(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is unavailable."), "1");
    } else {
      respond(exchange, 200, new JsonObject().put("name", "projects/demo/messages/" + System.nanoTime()), null);
    }
  }

  private static JsonObject error(int code, String status, String fcmCode, String text) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", text).put("status", status)
        .put("details", new JsonArray().add(new JsonObject()
            .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", fcmCode))));
  }

  private static void respond(HttpExchange exchange, int status, JsonObject body, String retryAfter)
      throws IOException {
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
