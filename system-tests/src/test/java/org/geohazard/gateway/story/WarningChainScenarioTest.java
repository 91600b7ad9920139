package org.geohazard.gateway.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.gateway.testing.TestDevice;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warning chain's promises in one flood-season night, through the real broker, the gateway and its FCM client
 * to a local FCM v1 server: a landslide climbs blue → yellow → orange → red and decays step by step to the
 * end while a drill runs at another point of the county; FCM is down from the red warning until the level has come
 * down again; the villager asks for help at red. Every recipient gets exactly the messages of their levels, the
 * level-downs and the all-clear, never the stale red once it has passed, never a drill label; the siren hears on and
 * then off; every level needed its own answer from the duty room.
 */
@Timeout(240)
class WarningChainScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PREFIX = "chain/v1";
  private static final Map<String, String> TOKENS = new LinkedHashMap<>();

  static {
    TOKENS.put("duty", "ok-chain-duty-phone");
    TOKENS.put("leader", "ok-chain-leader-phone");
    TOKENS.put("monitor", "ok-chain-monitor-phone");
    TOKENS.put("responsible", "ok-chain-responsible-phone");
    TOKENS.put("villager", "ok-chain-villager-phone");
  }

  @TempDir
  Path work;

  private Sql sql;
  private TestDevice crackMeter;
  private long sampleTime;

  @Test
  void aLandslideThatClimbsToRedAndDecaysKeepsEveryPromiseToEveryRecipient() throws Exception {
    DatabaseConfig database = TestDatabases.freshDatabase();
    sql = new Sql(database.url());
    Path registry = GatewayRunner.registry(work, "/registry-chain.yaml");
    String broker = TestBrokers.mosquitto() != null ? TestBrokers.mosquitto() : TestBrokers.hivemq();
    List<JsonObject> sirenHeard = new CopyOnWriteArrayList<>();
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      Map<String, String> env = GatewayRunner.environment(database.url(), broker, PREFIX, registry);
      GatewayRunner.pushTo(env, fcm, work);
      env.put("GEOHAZARD_ALERTS_COMMAND_RESEND_S", "1");
      try (GatewayRunner gateway = GatewayRunner.start(env);
          TestDevice meter = TestDevice.connect(broker, PREFIX, "LF-C1");
          TestDevice siren = TestDevice.connect(broker, PREFIX, "SR-C1")) {
        crackMeter = meter;
        sampleTime = System.currentTimeMillis() - 60 * 60_000L;
        siren.onCommand(command -> {
          JsonObject c = new JsonObject(command);
          sirenHeard.add(c);
          acknowledge(siren, c.getString("id"));
        });
        ApiClient api = new ApiClient("http://127.0.0.1:" + gateway.httpPort());
        Map<String, String> login = new LinkedHashMap<>();
        login.put("duty", api.login("13710000001", "duty-chain-pass"));
        login.put("leader", api.login("13710000002", "leader-chain-pass"));
        login.put("monitor", api.login("13710000003", "monitor-chain-pass"));
        login.put("responsible", api.login("13710000004", "responsible-chain-pass"));
        login.put("villager", api.login("13910000001", "villager-chain-pass"));
        for (Map.Entry<String, String> person : login.entrySet()) {
          api.expect(204, "POST", "/api/v1/me/push-tokens", person.getValue(), new JsonObject()
              .put("token", TOKENS.get(person.getKey())).put("platform", "android").put("language", "zh"));
        }
        api.expect(201, "POST", "/api/v1/drills", login.get("duty"),
            new JsonObject().put("point", "P-DRILL").put("note", "county drill at the other slope"));

        // the climb: each level is told, and each needs the duty room's answer again
        long alert = reach("blue", 12);
        awaitPush(fcm, "duty", "blue");
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", login.get("monitor"), null);
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", login.get("duty"), null);
        reach("yellow", 22);
        awaitPush(fcm, "responsible", "yellow");
        assertEquals(null, api.json("GET", "/api/v1/alerts/" + alert, login.get("duty")).getValue("answered_level"),
            "a level up needs a new answer");
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", login.get("duty"), null);
        reach("orange", 32);
        awaitPush(fcm, "villager", "orange");
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", login.get("duty"), null);

        // FCM goes down as the slope reaches red; the siren still sounds; the villager asks for help
        fcm.outage(true);
        reach("red", 45);
        Eventually.await(WAIT, () -> fcm.attempts(TOKENS.get("villager")), n -> n >= 2);
        api.expect(204, "POST", "/api/v1/alerts/" + alert + "/check-in", login.get("villager"),
            new JsonObject().put("status", "need_help").put("note", "my mother cannot walk"));
        api.expect(200, "POST", "/api/v1/alerts/" + alert + "/answer", login.get("duty"), null);
        reach("orange", 33);
        // FCM comes back once no call of the red warning is still in flight
        Eventually.await(WAIT, () -> sql.count("SELECT count(*) FROM outbox WHERE channel = 'push' AND state = 'sending'"),
            n -> n == 0);
        fcm.outage(false);

        // the help request reaches the duty officer once FCM is back, and the duty officer takes it on
        awaitPush(fcm, "villager", "orange:level_down");
        awaitPush(fcm, "duty", "help_request");
        JsonObject rollCall = api.json("GET", "/api/v1/alerts/" + alert + "/roll-call", login.get("duty"));
        long help = rollCall.getJsonArray("residents").getJsonObject(0).getJsonObject("help").getLong("id");
        api.expect(200, "POST", "/api/v1/help-requests/" + help + "/take", login.get("duty"), null);
        awaitPush(fcm, "villager", "help_taken");

        reach("yellow", 23);
        sample(5);
        awaitAlertClosed(alert);
        for (String person : TOKENS.keySet()) {
          awaitPush(fcm, person, "ended");
        }
        // nothing older may still come after the all-clear
        Eventually.await(Duration.ofSeconds(30), () -> sql.count("SELECT count(*) FROM outbox WHERE channel = 'push'"
            + " AND state IN ('pending', 'sending')"), n -> n == 0);
        Thread.sleep(2_000);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<String> staff = List.of("blue:raised", "yellow:level_up", "orange:level_up", "orange:level_down",
            "yellow:level_down", "ended");
        expected.put("duty", staff);
        expected.put("monitor", staff);
        expected.put("responsible", staff.subList(1, staff.size()));
        expected.put("leader", List.of("orange:level_up", "orange:level_down", "yellow:level_down", "ended"));
        expected.put("villager", List.of("orange:level_up", "orange:level_down", "yellow:level_down", "ended"));
        for (Map.Entry<String, List<String>> person : expected.entrySet()) {
          List<FakeFcmServer.Received> delivered = delivered(fcm, person.getKey());
          List<String> got = delivered.stream().map(WarningChainScenarioTest::what).toList();
          assertEquals(person.getValue(), got.stream().filter(w -> !w.startsWith("help")).toList(),
              person.getKey() + "'s warning messages in order: " + got);
          assertTrue(delivered.stream().allMatch(r -> "false".equals(r.message().getJsonObject("data")
              .getString("drill"))), "no message of a real warning is labelled a drill: " + person.getKey());
          assertEquals("ended", got.get(got.size() - 1), person.getKey() + " hears nothing after the all-clear");
        }
        for (String person : List.of("duty", "monitor", "responsible")) {
          assertTrue(what(delivered(fcm, person)).contains("help_request"), person + " hears the call for help");
        }
        assertEquals(1, what(delivered(fcm, "villager")).stream().filter("help_taken"::equals).count(),
            "the villager hears once that help is coming");
        assertTrue(fcm.attempts(TOKENS.get("villager")) > delivered(fcm, "villager").size(),
            "the red message was tried during the outage and then superseded, never delivered late");

        // the siren: on with the evacuation pattern, then off, and never on again
        List<String> actions = distinctCommands(sirenHeard);
        assertEquals("on:evacuate", actions.get(0), actions.toString());
        assertTrue(actions.size() >= 2 && actions.subList(1, actions.size()).stream().allMatch("off"::equals),
            "after the first off only offs: " + actions);

        // every level needed the duty room's own answer; the monitor's answer was recorded as received
        assertEquals(List.of("blue", "yellow", "orange", "red"), sql.column("""
            SELECT e.level FROM alert_event e JOIN person p ON p.id = e.actor
            WHERE e.alert_id = %d AND e.type = 'answered' AND p.phone = '13710000001' ORDER BY e.id"""
            .formatted(alert)));
        assertEquals(List.of("blue"), sql.column("""
            SELECT e.level FROM alert_event e JOIN person p ON p.id = e.actor
            WHERE e.alert_id = %d AND e.type = 'received' AND p.phone = '13710000003' ORDER BY e.id"""
            .formatted(alert)));
      }
    }
  }

  /** Two samples at a value (orange and red need a second one) and the point's warning at the level. */
  private long reach(String level, double value) throws Exception {
    sample(value);
    sample(value);
    List<String> open = Eventually.await(WAIT, () -> sql.column(
        "SELECT id || ':' || level FROM alert WHERE point_code = 'P-SLIDE' AND closed_at IS NULL"),
        rows -> rows.size() == 1 && rows.get(0).endsWith(":" + level));
    assertEquals(1, open.size(), "the slope's warning at " + level + ": " + open);
    assertTrue(open.get(0).endsWith(":" + level), "the slope's warning at " + level + ": " + open);
    return Long.parseLong(open.get(0).substring(0, open.get(0).indexOf(':')));
  }

  private void sample(double value) throws Exception {
    sampleTime += 60_000L;
    crackMeter.telemetry("{\"ts\": " + sampleTime + ", \"values\": {\"crack_width\": " + value + "}}");
  }

  private void awaitAlertClosed(long alert) throws Exception {
    assertEquals(1, Eventually.await(WAIT, () -> sql.count("SELECT count(*) FROM alert WHERE id = " + alert
        + " AND closed_at IS NOT NULL"), n -> n == 1));
  }

  private static void awaitPush(FakeFcmServer fcm, String person, String what) throws Exception {
    List<String> seen = Eventually.await(WAIT, () -> what(delivered(fcm, person)),
        got -> got.stream().anyMatch(w -> w.equals(what) || w.startsWith(what + ":")));
    assertTrue(seen.stream().anyMatch(w -> w.equals(what) || w.startsWith(what + ":")),
        person + " should have got " + what + ": " + seen);
  }

  /** What the person's phone got, in order. */
  private static List<FakeFcmServer.Received> delivered(FakeFcmServer fcm, String person) {
    return fcm.delivered().stream().filter(r -> r.token().equals(TOKENS.get(person))).toList();
  }

  private static List<String> what(List<FakeFcmServer.Received> received) {
    return received.stream().map(WarningChainScenarioTest::what).toList();
  }

  /** level:event of a warning message; the event alone for the all-clear and the calls for help. */
  private static String what(FakeFcmServer.Received received) {
    JsonObject data = received.message().getJsonObject("data");
    String event = data.getString("event", "");
    return event.equals("ended") || event.startsWith("help") ? event : data.getString("level", "") + ":" + event;
  }

  private static List<String> distinctCommands(List<JsonObject> heard) {
    List<String> ids = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    for (JsonObject command : heard) {
      if (!"siren".equals(command.getString("type")) || ids.contains(command.getString("id"))) {
        continue;
      }
      ids.add(command.getString("id"));
      JsonObject params = command.getJsonObject("params");
      actions.add(params.getString("action").equals("on") ? "on:" + params.getString("pattern") : "off");
    }
    return actions;
  }

  private static void acknowledge(TestDevice device, String id) {
    try {
      device.publish("cmd/ack", new JsonObject().put("id", id).put("ok", true).put("ts", System.currentTimeMillis())
          .encode().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
