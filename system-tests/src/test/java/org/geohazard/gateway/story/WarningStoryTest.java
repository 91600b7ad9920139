package org.geohazard.gateway.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story through the real servers: a gateway (broker, database, warning engine, FCM through its client
 * to a local FCM v1 server) and, apart from it, an API node on the same database. Rain crosses the orange threshold,
 * the resident's phone gets the push, the duty app's live stream on the API node shows the warning, the resident
 * checks in safe, the duty officer answers and reads the roll call.
 */
@Timeout(180)
class WarningStoryTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RESIDENT_TOKEN = "ok-villager-phone-0001";

  @TempDir
  Path work;

  @Test
  void rainWarnsTheVillageAndTheDutyRoomSeesWhoIsSafe() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Path registry = GatewayRunner.registry(work, "/registry-story.yaml");
    String broker = TestBrokers.hivemq();
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      Map<String, String> env = GatewayRunner.environment(database.url(), broker, "story/v1", registry);
      GatewayRunner.pushTo(env, fcm, work);
      Map<String, String> apiEnv = GatewayRunner.environment(database.url(), broker, "story/v1", registry);
      apiEnv.put("GEOHAZARD_NODE_ROLE", "api");
      try (GatewayRunner gateway = GatewayRunner.start(env);
          GatewayRunner apiNode = GatewayRunner.start(apiEnv);
          TestDevice gauge = TestDevice.connect(broker, "story/v1", "RG-S1")) {
        String api = "http://127.0.0.1:" + apiNode.httpPort();
        ApiClient client = new ApiClient(api);
        String resident = client.login("13900000001", "resident-story-pass");
        String duty = client.login("13700000001", "duty-story-pass");
        client.expect(204, "POST", "/api/v1/me/push-tokens", resident, new JsonObject()
            .put("token", RESIDENT_TOKEN).put("platform", "android").put("language", "zh"));
        BlockingQueue<JsonObject> live = liveEvents(api, duty);

        long now = System.currentTimeMillis();
        // 9 mm a minute: orange at 36 mm, confirmed by the next sample
        for (int i = 4; i >= 0; i--) {
          gauge.telemetry("{\"ts\": " + (now - i * 60_000L) + ", \"values\": {\"rainfall\": 9}}");
        }

        FakeFcmServer.Received push = Eventually.await(WAIT, () -> fcm.arrivals().stream()
            .filter(r -> r.token().equals(RESIDENT_TOKEN)).findFirst().orElse(null), r -> r != null);
        JsonObject data = push.message().getJsonObject("data");
        assertEquals("orange", data.getString("level"), push.body());
        long alert = Long.parseLong(data.getString("alert_id"));
        assertTrue(push.body().contains("township school playground"), push.body());

        JsonObject event = next(live, e -> e.getLong("alert_id", -1L) == alert);
        assertEquals("P-STORY", event.getString("point"));

        client.expect(204, "POST", "/api/v1/alerts/" + alert + "/check-in", resident,
            new JsonObject().put("status", "safe").put("note", "at the school"));
        client.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", duty, null);
        assertEquals("answered", next(live, e -> "answered".equals(e.getString("event"))).getString("event"));

        JsonObject rollCall = client.json("GET", "/api/v1/alerts/" + alert + "/roll-call", duty);
        assertEquals(1, rollCall.getJsonObject("counts").getInteger("safe"));
        JsonObject villager = rollCall.getJsonArray("residents").getJsonObject(0);
        assertEquals("13900000001", villager.getString("phone"));
        assertEquals("safe", villager.getString("status"));
      }
    }
  }

  /** The data of the live stream's events, read on a thread of their own. */
  private static BlockingQueue<JsonObject> liveEvents(String api, String token) throws Exception {
    HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/events"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try {
        Iterator<String> lines = stream.body().iterator();
        while (lines.hasNext()) {
          String line = lines.next();
          if (line.startsWith("data: ")) {
            events.add(new JsonObject(line.substring(6)));
          }
        }
      } catch (java.io.UncheckedIOException closed) {
        // the API node stopped at the end of the test
      }
    }, "live-events-reader");
    reader.setDaemon(true);
    reader.start();
    return events;
  }

  private static JsonObject next(BlockingQueue<JsonObject> events, java.util.function.Predicate<JsonObject> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject event = events.poll(200, TimeUnit.MILLISECONDS);
      if (event != null && wanted.test(event)) {
        return event;
      }
    }
    assertNotNull(null, "no such live event within " + WAIT.toSeconds() + " s");
    return null;
  }
}
