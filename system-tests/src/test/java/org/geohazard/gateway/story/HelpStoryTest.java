package org.geohazard.gateway.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call for help through the real servers: a villager asks for help on the API node, the gateway's dispatcher pushes
 * it to the duty officer's phone at once, the gateway's own round reminds the duty officer while nobody has taken it
 * on, and once the duty officer takes it on the villager's phone hears who is coming.
 */
@Timeout(180)
class HelpStoryTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String RESIDENT_PHONE = "ok-villager-help-0001";
  private static final String DUTY_PHONE = "ok-duty-help-0001";

  @TempDir
  Path work;

  @Test
  void aVillagersCallForHelpRingsOnTheDutyPhoneUntilTheDutyOfficerTakesItOn() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    Path registry = GatewayRunner.registry(work, "/registry-story.yaml");
    String broker = TestBrokers.hivemq();
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      Map<String, String> env = GatewayRunner.environment(database.url(), broker, "help/v1", registry);
      GatewayRunner.pushTo(env, fcm, work);
      Map<String, String> apiEnv = GatewayRunner.environment(database.url(), broker, "help/v1", registry);
      apiEnv.put("GEOHAZARD_NODE_ROLE", "api");
      try (GatewayRunner gateway = GatewayRunner.start(env);
          GatewayRunner apiNode = GatewayRunner.start(apiEnv)) {
        ApiClient api = new ApiClient("http://127.0.0.1:" + apiNode.httpPort());
        String resident = api.login("13900000001", "resident-story-pass");
        String duty = api.login("13700000001", "duty-story-pass");
        register(api, resident, RESIDENT_PHONE);
        register(api, duty, DUTY_PHONE);
        long alert = new JsonObject(api.expect(201, "POST", "/api/v1/alerts", duty, new JsonObject()
            .put("point", "P-STORY").put("level", "orange").put("title", "Gully banks collapsing"))).getLong("id");

        api.expect(204, "POST", "/api/v1/alerts/" + alert + "/check-in", resident, new JsonObject()
            .put("status", "need_help").put("note", "my mother cannot walk")
            .put("location", new JsonObject().put("lat", 30.1002).put("lon", 104.2001)));

        JsonObject call = push(fcm, DUTY_PHONE, "help_request");
        assertEquals("help_request", call.getJsonObject("android").getJsonObject("notification")
            .getString("channel_id"));
        assertEquals("high", call.getJsonObject("android").getString("priority"));
        assertTrue(call.getJsonObject("notification").getString("body").contains("my mother cannot walk"));
        assertEquals("13900000001", call.getJsonObject("data").getString("phone"));
        long help = Long.parseLong(call.getJsonObject("data").getString("help_request_id"));

        sql(database, "UPDATE help_request SET asked_at = now() - INTERVAL '125 seconds'");
        JsonObject reminder = push(fcm, DUTY_PHONE, "help_reminder");
        assertTrue(reminder.getJsonObject("notification").getString("title").contains("Villager"),
            reminder.encode());

        api.expect(200, "POST", "/api/v1/help-requests/" + help + "/take", duty, null);
        JsonObject told = push(fcm, RESIDENT_PHONE, "help_taken");
        assertTrue(told.getJsonObject("notification").getString("body").contains("13700000001"), told.encode());
      }
    }
  }

  /** The first push to a phone of the given event, waiting for it. */
  private static JsonObject push(FakeFcmServer fcm, String token, String event) throws Exception {
    return Eventually.await(WAIT, () -> fcm.received().stream()
        .filter(m -> m.getString("token").equals(token))
        .filter(m -> event.equals(m.getJsonObject("data").getString("event"))).findFirst().orElse(null),
        m -> m != null);
  }

  private static void register(ApiClient api, String token, String pushToken) throws Exception {
    api.expect(204, "POST", "/api/v1/me/push-tokens", token, new JsonObject()
        .put("token", pushToken).put("platform", "android").put("language", "zh"));
  }

  private static void sql(DatabaseConfig database, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(database.url(), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
