package org.geohazard.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.api.ApiConfig;
import org.geohazard.api.ApiConnections;
import org.geohazard.api.ApiRouter;
import org.geohazard.api.ContractResponses;
import org.geohazard.api.auth.SignInLimits;
import org.geohazard.api.auth.TrustedProxies;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.Passwords;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.LiveEvents;
import org.geohazard.storage.testing.TestDatabases;

/**
 * The API on a real HTTP server over a fresh, migrated database holding the test registry (point 510100000001 in
 * Test County) plus one person of every role, a second county with a point and a duty officer of its own, and one
 * password for everybody. Requests go through {@link java.net.http.HttpClient}, as an app's would.
 */
public final class ApiHarness implements AutoCloseable {
  public static final String PASSWORD = "correct-horse-battery";
  public static final String SECRET = "a-test-signing-key-of-at-least-32-chars";
  public static final String POINT = "510100000001";
  public static final String OTHER_POINT = "520200000001";
  public static final String DUTY = "13800000001";
  public static final String MONITOR = "13800000002";
  public static final String RESPONSIBLE = "13800000003";
  public static final String LEADER = "13800000004";
  public static final String ADMIN = "13800000005";
  public static final String OTHER_DUTY = "13800000006";
  public static final String RESIDENT = "13900000050";
  /** The photo upload limit of the harness's API (its JSON body limit is 64 KiB). */
  public static final int PHOTO_LIMIT = 512 * 1024;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Vertx vertx;
  private final Database database;
  private final HttpServer server;
  private final LiveEvents live;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final ContractResponses contract;

  private ApiHarness(Vertx vertx, Database database, HttpServer server, LiveEvents live) {
    this.vertx = vertx;
    this.database = database;
    this.server = server;
    this.live = live;
    this.contract = ContractResponses.load(vertx);
  }

  public static ApiHarness start() throws Exception {
    return start(UnaryOperator.identity());
  }

  /** The harness's API configuration: 64 KiB JSON bodies, sign-in delays from 5 s, no trusted proxies, no tight cap. */
  public static ApiConfig config() {
    return new ApiConfig(SECRET, Duration.ofMinutes(15), Duration.ofDays(30),
        new SignInLimits(3, Duration.ofSeconds(5), Duration.ofMinutes(1), 20, Duration.ofMinutes(15)),
        TrustedProxies.none(), 64 * 1024, PHOTO_LIMIT, 50, Duration.ofSeconds(60), 10_000, null);
  }

  /** The configuration with other sign-in limits and trusted proxies (a comma-separated list of CIDR ranges). */
  public static UnaryOperator<ApiConfig> signIn(SignInLimits limits, String trustedProxies) {
    return c -> new ApiConfig(c.jwtSecret(), c.accessTtl(), c.refreshTtl(), limits,
        TrustedProxies.parse(trustedProxies), c.bodyLimitBytes(), c.photoLimitBytes(), c.maxStreams(), c.idleTimeout(), c.maxConnections(),
        c.reportFont());
  }

  /** The configuration with other connection limits. */
  public static UnaryOperator<ApiConfig> connections(int maxStreams, int maxConnections, Duration idleTimeout) {
    return c -> new ApiConfig(c.jwtSecret(), c.accessTtl(), c.refreshTtl(), c.signIn(), c.trustedProxies(),
        c.bodyLimitBytes(), c.photoLimitBytes(), maxStreams, idleTimeout, maxConnections, c.reportFont());
  }

  /** With the API configuration changed from {@link #config()}. */
  public static ApiHarness start(UnaryOperator<ApiConfig> configured) throws Exception {
    Vertx vertx = Vertx.vertx();
    Database database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, threatened_zone)"
          + " VALUES ('" + OTHER_POINT + "', 'Other slope', 'rockfall', 26.5, 106.7, 'Other County',"
          + " '{\"radius_m\": 100}')");
      person(s, "Resident", RESIDENT, "resident", "", POINT);
      person(s, "Responsible Person", RESPONSIBLE, "responsible_person", "", POINT);
      person(s, "Leader", LEADER, "leader", "Test County", "");
      person(s, "Administrator", ADMIN, "admin", "", "");
      person(s, "Other Duty Officer", OTHER_DUTY, "duty_officer", "Other County", "");
      try (PreparedStatement p = c.prepareStatement("UPDATE person SET password_hash = ?")) {
        p.setString(1, Passwords.hash(PASSWORD));
        p.executeUpdate();
      }
    }
    ApiConfig config = configured.apply(config());
    HttpServer server = ApiConnections.createServer(vertx, config).requestHandler(ApiRouter.create(vertx, database,
        new AlertActions(DeliveryConfig.DEFAULTS), new CapWriter("geohazard.test"), config).await()).listen(0, "127.0.0.1").await();
    return new ApiHarness(vertx, database, server, LiveEvents.start(new Workers(), vertx, database));
  }

  private static void person(Statement s, String name, String phone, String role, String county, String point)
      throws SQLException {
    s.execute("INSERT INTO person (name, phone) VALUES ('" + name + "', '" + phone + "')");
    s.execute("INSERT INTO person_role (person_id, role, county, point_code) SELECT id, '" + role + "', '" + county
        + "', '" + point + "' FROM person WHERE phone = '" + phone + "'");
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  public int port() {
    return server.actualPort();
  }

  /** Signs in with the common password; the session's tokens. */
  public JsonObject login(String phone) throws Exception {
    HttpResponse<String> response = post("/api/v1/auth/login", null,
        new JsonObject().put("phone", phone).put("password", PASSWORD).encode());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  /** An access token for the person, signed in once per harness. */
  public String token(String phone) throws Exception {
    String token = tokens.get(phone);
    if (token == null) {
      token = login(phone).getString("access_token");
      tokens.put(phone, token);
    }
    return token;
  }

  public long personId(String phone) throws SQLException {
    return one("SELECT id FROM person WHERE phone = '" + phone + "'");
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    return send(request(path, token).GET());
  }

  public HttpResponse<String> post(String path, String token, String body) throws Exception {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> put(String path, String token, String body) throws Exception {
    return send(request(path, token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> patch(String path, String token, String body) throws Exception {
    return send(request(path, token).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> delete(String path, String token) throws Exception {
    return send(request(path, token).DELETE());
  }

  /** Any request, for bodies of other media types; the response is checked against the contract. */
  public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpRequest built = request.build();
    HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    contract.check(built.method(), built.uri().getPath(), response);
    return response;
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** The body of a successful response, as JSON. */
  public static JsonObject ok(HttpResponse<String> response) {
    assertTrue(response.statusCode() >= 200 && response.statusCode() < 300,
        response.statusCode() + " " + response.body());
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }

  public static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        response.headers().toString());
    assertEquals("urn:geohazard:problem:" + code, new JsonObject(response.body()).getString("type"));
  }

  public long one(String sql) throws SQLException {
    return DatabaseFixture.count(database, sql);
  }

  public void sql(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The node's listener of live events. */
  public LiveEvents live() {
    return live;
  }

  @Override
  public void close() {
    live.close();
    database.close();
    vertx.close().await();
  }
}
