package org.geohazard.alerts.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks the FCM HTTP v1 API ({@code POST /v1/projects/{id}/messages:send}). The token decides
 * the answer: {@code ok-*} succeeds, {@code gone-*} is UNREGISTERED (404), {@code busy-*} is QUOTA_EXCEEDED (429 with
 * Retry-After: 7), {@code down-*} is UNAVAILABLE (503) for its first two requests and succeeds after, {@code bad-*} is
 * INVALID_ARGUMENT (400, as for a malformed message). Like FCM, it refuses with 400 INVALID_ARGUMENT any message whose
 * payload (the notification and the data, as UTF-8 JSON) passes 4,096 bytes, whatever its token. It also answers the
 * OAuth token endpoint a service-account key names, so the client authenticates exactly as it does in production.
 * Like FCM's front ends, it lets each HTTP/2 connection carry 100 requests at once.
 */
public final class FakeFcmServer implements AutoCloseable {
  /**
   * A message as it arrived (the request body, read as JSON when asked), with the arrival time, the HTTP version it
   * came over ({@code HTTP_1_1}, {@code HTTP_2}) and the connection that carried it (a number per connection).
   */
  public record Received(String token, String body, long arrivedMillis, String httpVersion, int connection) {
    public JsonObject message() {
      return new JsonObject(body).getJsonObject("message");
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Received> arrivals = Collections.synchronizedList(new ArrayList<>());
  private final List<Received> delivered = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  /** FCM's limit on a message's payload. */
  public static final int PAYLOAD_LIMIT = 4_096;
  private final Map<io.vertx.core.http.HttpConnection, Integer> connections = new ConcurrentHashMap<>();
  private volatile int outage;
  private volatile long answerDelayMillis;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Set<Long> threads = ConcurrentHashMap.newKeySet();
  private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
  private final List<AutoCloseable> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final boolean tls;
  /** The certificate's name, so that only trust can fail a TLS client's checks. */
  private static final String HOST = "localhost";

  public FakeFcmServer() throws IOException {
    this(false);
  }

  /**
   * @param tls {@code https} with a self-signed certificate (HTTP/2 by ALPN) that no JVM trusts, as a server in the
   *     middle would present
   */
  public FakeFcmServer(boolean tls) throws IOException {
    this.tls = tls;
    io.vertx.core.http.HttpServerOptions options = new io.vertx.core.http.HttpServerOptions().setInitialSettings(
        new io.vertx.core.http.Http2Settings().setMaxConcurrentStreams(100));
    if (tls) {
      options.setSsl(true).setUseAlpn(true)
          .setKeyCertOptions(io.vertx.core.net.SelfSignedCertificate.create(HOST).keyCertOptions());
    }
    server = vertx.createHttpServer(options).requestHandler(this::handle).listen(0, HOST).await();
  }

  public String endpoint() {
    return (tls ? "https" : "http") + "://" + HOST + ":" + server.actualPort();
  }

  /** The messages received so far, in order. */
  public List<JsonObject> received() {
    return arrivals().stream().map(Received::message).toList();
  }

  /** The requests received so far, in order. */
  public List<Received> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  /** The messages answered with success (what phones got), in order. */
  public List<Received> delivered() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  public int count() {
    return arrivals.size();
  }

  /** An outage: while on, every message is answered 429 QUOTA_EXCEEDED with Retry-After: 1 (logged as received). */
  public void outage(boolean on) {
    outage(on ? 429 : 0);
  }

  /**
   * An outage answering every message with the given status (429 QUOTA_EXCEEDED or 503 UNAVAILABLE, with
   * Retry-After: 1; the client retries 503 itself); 0 ends it.
   */
  public void outage(int status) {
    outage = status;
  }

  /**
   * Answers messages this long after they arrive (0 by default), as FCM's own round trip does: a burst then needs
   * requests in flight at once, not only CPU, as it does in production.
   */
  public void answerDelay(java.time.Duration delay) {
    answerDelayMillis = delay.toMillis();
  }

  /** From now on the access tokens issued so far are refused (401 UNAUTHENTICATED), as FCM does a revoked one. */
  public void revokeAccessTokens() {
    accessTokens.clear();
  }

  /** How many access tokens were asked for at the OAuth token endpoint. */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** The most messages that had arrived and were not yet answered at one time. */
  public int mostInFlight() {
    return mostInFlight.get();
  }

  public int attempts(String token) {
    return attempts.getOrDefault(token, new AtomicInteger()).get();
  }

  /**
   * The FCM client as a deployment configures it (key file, project, endpoint), sending here; closed with this
   * server.
   */
  public org.geohazard.alerts.delivery.FcmV1Client client() throws Exception {
    org.geohazard.alerts.delivery.FcmV1Client client = org.geohazard.alerts.delivery.FcmV1Client.fromServiceAccount(
        serviceAccountFile(Files.createTempDirectory("fcm")), "demo", endpoint());
    clients.add(client);
    return client;
  }

  /** A service-account key file (a fresh RSA key) whose token endpoint is this server. */
  public Path serviceAccountFile(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String key = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    JsonObject account = new JsonObject().put("type", "service_account").put("project_id", "demo")
        .put("private_key_id", "local").put("private_key", key).put("client_email", "push@demo.local")
        .put("client_id", "1").put("token_uri", endpoint() + "/token");
    Path file = dir.resolve("service-account.json");
    Files.writeString(file, account.encodePrettily());
    return file;
  }

  /**
   * The CPU time this server's threads have used so far: on a machine it shares with the gateway, what FCM's own
   * servers would spend elsewhere.
   */
  public java.time.Duration cpuTime() {
    java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    return java.time.Duration.ofNanos(threads.stream().mapToLong(id -> Math.max(0, bean.getThreadCpuTime(id))).sum());
  }

  private void handle(HttpServerRequest request) {
    threads.add(Thread.currentThread().getId());
    request.body().onSuccess(buffer -> {
      String path = request.path();
      if (path.equals("/token")) {
        String token = "local-access-token-" + tokenRequests.incrementAndGet();
        accessTokens.add(token);
        respond(request, 200, new JsonObject().put("access_token", token).put("expires_in", 3600)
            .put("token_type", "Bearer"), null);
        return;
      }
      boolean send = request.method().name().equals("POST") && path.startsWith("/v1/projects/")
          && path.endsWith("/messages:send");
      String authorization = request.getHeader("Authorization");
      if (send && (authorization == null || !accessTokens.contains(authorization.replaceFirst("^Bearer ", "")))) {
        respond(request, 401, new JsonObject().put("error", new JsonObject().put("code", 401)
            .put("message", "Request had invalid authentication credentials.").put("status", "UNAUTHENTICATED")),
            null);
      } else if (send) {
        answer(request, buffer.toString(StandardCharsets.UTF_8));
      } else {
        respond(request, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "bad request"), null);
      }
    });
  }

  private void answer(HttpServerRequest request, String body) {
    String token = token(body);
    int attempt = attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
    Received received = new Received(token, body, System.currentTimeMillis(), request.version().name(),
        connections.computeIfAbsent(request.connection(), c -> connections.size() + 1));
    arrivals.add(received);
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    request.response().endHandler(v -> inFlight.decrementAndGet());
    if (outage == 503) {
      respond(request, 503, error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is unavailable."), "1");
    } else if (outage != 0) {
      respond(request, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."), "1");
    } else if (payloadBytes(body) > PAYLOAD_LIMIT || token.startsWith("bad-")) {
      respond(request, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
          "Request contains an invalid argument."), null);
    } else if (token.startsWith("gone-")) {
      respond(request, 404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."), null);
    } else if (token.startsWith("busy-")) {
      respond(request, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."), "7");
    } else if (token.startsWith("down-") && attempt <= 2) {
      respond(request, 503, error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is unavailable."), "1");
    } else {
      delivered.add(received);
      respond(request, 200, new JsonObject().put("name", "projects/demo/messages/" + System.nanoTime()), null);
    }
  }

  /** The size FCM holds to its limit: the notification's and the data's JSON, in UTF-8. */
  public static int payloadBytes(String body) {
    if (body.length() < PAYLOAD_LIMIT / 3) {
      return body.length(); // too short to matter: skip parsing (the benchmark sends many small messages)
    }
    JsonObject message = new JsonObject(body).getJsonObject("message");
    int bytes = 0;
    for (String part : new String[] {"notification", "data"}) {
      JsonObject value = message.getJsonObject(part);
      if (value != null) {
        bytes += value.encode().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  /** The message's token, read without parsing the whole body (the server must not be the benchmark's bottleneck). */
  private static String token(String body) {
    int key = body.indexOf("\"token\"");
    if (key < 0) {
      return "";
    }
    int open = body.indexOf('"', body.indexOf(':', key) + 1);
    return body.substring(open + 1, body.indexOf('"', open + 1));
  }

  private static JsonObject error(int code, String status, String fcmCode, String text) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", text).put("status", status)
        .put("details", new JsonArray().add(new JsonObject()
            .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", fcmCode))));
  }

  private void respond(HttpServerRequest request, int status, JsonObject body, String retryAfter) {
    long delay = answerDelayMillis;
    if (delay > 0) {
      vertx.setTimer(delay, id -> respondNow(request, status, body, retryAfter));
    } else {
      respondNow(request, status, body, retryAfter);
    }
  }

  private static void respondNow(HttpServerRequest request, int status, JsonObject body, String retryAfter) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8");
    if (retryAfter != null) {
      request.response().putHeader("Retry-After", retryAfter);
    }
    request.response().end(body.encode());
  }

  @Override
  public void close() {
    for (AutoCloseable client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    vertx.close().await();
  }
}
