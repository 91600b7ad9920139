package org.geohazard.api.residents;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.config.HelpRequestPolicy;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.escalation.HelpRequestReminders;
import org.geohazard.alerts.help.HelpRequests;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.api.testing.SseClient;
import org.geohazard.domain.WarningLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whoever asks for help is heard at once: a resident's need_help check-in reaches the duty officer, the point's
 * monitor and responsible person through the outbox in its own transaction, shows on the duty apps' live stream, and
 * rings again (then reaches the leader on duty) until a staff member takes it on, the resident checks in safe, or the
 * alert ends. Staff record check-ins for villagers they reached, and the roll call says who did.
 */
@Timeout(120)
class HelpRequestTest {
  private static final AlertActions ACTIONS = new AlertActions(DeliveryConfig.DEFAULTS);
  private static final HelpRequestPolicy MINUTE_THEN_FIVE =
      new HelpRequestPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5));

  private ApiHarness api;
  private HelpRequestReminders reminders;
  private long alert;

  @BeforeEach
  void start() throws Exception {
    api = ApiHarness.start();
    reminders = new HelpRequestReminders(api.database().dataSource(), MINUTE_THEN_FIVE,
        new Notifier(DeliveryConfig.DEFAULTS).help());
    try (Connection c = api.database().dataSource().getConnection()) {
      alert = ACTIONS.raiseManual(c, POINT, WarningLevel.ORANGE, "Cracks widening", "seen from the road",
          api.personId(DUTY));
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aResidentsCallForHelpReachesTheDutyOfficerMonitorAndResponsiblePersonAtOnce() throws Exception {
    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help").put("note", "leg injured, cannot walk down")
        .put("location", new JsonObject().put("lat", 30.61).put("lon", 104.12))));

    assertEquals(List.of(DUTY, MONITOR, RESPONSIBLE), phonesOf("help"),
        "the duty officer, the point's monitor and responsible person are called; nobody else");
    JsonObject payload = payload("help", DUTY);
    assertEquals(RESIDENT, payload.getString("phone"));
    assertTrue(payload.getString("title").contains("Resident"), payload.encode());
    assertTrue(payload.getString("body").contains("leg injured, cannot walk down"), payload.encode());
    assertTrue(payload.getString("body").contains(RESIDENT), payload.encode());
    assertEquals(30.61, payload.getJsonObject("location").getDouble("lat"));
    assertEquals(api.one("SELECT id FROM help_request"), payload.getLong("help_request_id"));
    assertEquals(3, api.one("SELECT count(*) FROM outbox WHERE help_request_id = (SELECT id FROM help_request)"
        + " AND channel = 'push' AND state = 'pending'"));

    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help").put("note", "now bleeding")));
    assertEquals(3, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help'"),
        "asking again while the call is open updates it; the reminders carry it");
    assertEquals("now bleeding", text("SELECT note FROM help_request"));
    assertEquals(1, api.one("SELECT count(*) FROM help_request"));
  }

  @Test
  void aCallForHelpOnAnEndedAlertWritesNothing() throws Exception {
    try (Connection c = api.database().dataSource().getConnection()) {
      assertTrue(ACTIONS.resolve(c, alert, api.personId(DUTY), "inspected"));
    }
    assertProblem(checkIn(RESIDENT, new JsonObject().put("status", "need_help")), 409, "conflict");
    assertEquals(0, api.one("SELECT count(*) FROM help_request"));
    assertEquals(0, api.one("SELECT count(*) FROM outbox WHERE help_request_id IS NOT NULL"));
  }

  @Test
  void aCallForHelpIsALiveEventTheDutyAppsCanTellApart() throws Exception {
    awaitListening();
    try (SseClient duty = SseClient.connect(api, api.token(DUTY), null)) {
      Thread.sleep(300);
      ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help")));

      SseClient.Event asked = duty.next(Duration.ofSeconds(10));
      assertNotNull(asked, "the duty officer's app heard nothing");
      assertEquals("help", asked.name());
      assertEquals("open", asked.data().getString("state"));
      assertEquals(alert, asked.data().getLong("alert_id"));
      assertEquals(api.personId(RESIDENT), asked.data().getLong("person"));
      assertEquals("Resident", asked.data().getString("name"));

      ok(api.post("/api/v1/help-requests/" + asked.data().getLong("id") + "/take", api.token(MONITOR), ""));
      SseClient.Event taken = duty.next(Duration.ofSeconds(10));
      assertEquals("help", taken.name());
      assertEquals("taken", taken.data().getString("state"));
      assertEquals(api.personId(MONITOR), taken.data().getLong("taken_by"));
    }
  }

  @Test
  void aCallForHelpNobodyTakesOnIsRemindedThenEscalatedToTheLeaderOnDuty() throws Exception {
    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help").put("note", "trapped in the house")));
    assertEquals(0, reminders.runOnce(), "just asked: nothing to remind yet");

    api.sql("UPDATE help_request SET asked_at = now() - INTERVAL '70 seconds'");
    assertEquals(3, reminders.runOnce(), "a minute without anyone: the same three people again");
    assertEquals(List.of(DUTY, MONITOR, RESPONSIBLE), phonesOf("help_reminder"));
    assertTrue(payload("help_reminder", MONITOR).getString("body").contains("trapped in the house"));
    assertEquals(0, reminders.runOnce(), "not again within the interval");

    api.sql("UPDATE help_request SET asked_at = now() - INTERVAL '6 minutes',"
        + " last_reminded_at = now() - INTERVAL '61 seconds'");
    assertEquals(4, reminders.runOnce(), "five minutes without anyone: the leader on duty, and the reminder");
    assertEquals(List.of(LEADER), phonesOf("help_escalation"));
    assertNotNull(text("SELECT escalated_at::text FROM help_request"));

    api.sql("UPDATE help_request SET last_reminded_at = now() - INTERVAL '61 seconds'");
    assertEquals(4, reminders.runOnce(), "once escalated, the leader on duty is reminded too");
    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help_escalation' AND person_id = "
        + api.personId(LEADER)), "escalated once");
    assertEquals(3, api.one("SELECT reminders FROM help_request"));
  }

  @Test
  void takingOnACallForHelpStopsItsRemindersAndTellsTheResidentWhoIsComing() throws Exception {
    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help")));
    long help = api.one("SELECT id FROM help_request");
    assertEquals(1, ok(api.get("/api/v1/alerts/" + alert + "/roll-call", api.token(DUTY))).getJsonObject("counts")
        .getInteger("help_waiting"), "the duty room sees a call nobody has taken on");

    JsonObject taken = ok(api.post("/api/v1/help-requests/" + help + "/take", api.token(MONITOR), ""));
    assertEquals("taken", taken.getString("state"));
    assertEquals(api.personId(MONITOR), taken.getLong("taken_by"));
    assertNotNull(taken.getString("taken_at"));
    assertProblem(api.post("/api/v1/help-requests/" + help + "/take", api.token(DUTY), ""), 409, "conflict");
    assertEquals("taken", ok(api.post("/api/v1/help-requests/" + help + "/take", api.token(MONITOR), ""))
        .getString("state"), "a second tap by the one who took it on is no conflict");
    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help_taken'"), "and tells nobody twice");

    JsonObject told = payload("help_taken", RESIDENT);
    assertTrue(told.getString("body").contains("Monitor") && told.getString("body").contains(MONITOR),
        told.encode());
    api.sql("UPDATE help_request SET asked_at = now() - INTERVAL '10 minutes'");
    assertEquals(0, reminders.runOnce(), "taken on: no reminder, no escalation");

    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help").put("note", "water rising in the yard")));
    JsonObject update = payload("help", MONITOR);
    assertEquals("help_update", update.getString("event"), "whoever took it on hears what changed");
    assertTrue(update.getString("body").contains("water rising in the yard"));
    assertEquals(1, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help'"
        + " AND payload->>'event' = 'help_update'"));

    JsonObject mine = ok(api.get("/api/v1/me/warnings", api.token(RESIDENT))).getJsonArray("items")
        .getJsonObject(0).getJsonObject("check_in").getJsonObject("help");
    assertEquals("taken", mine.getString("state"));
    assertEquals(MONITOR, mine.getJsonObject("taken_by").getString("phone"), "the resident's app shows who is coming");

    assertEquals(0, ok(api.get("/api/v1/alerts/" + alert + "/roll-call", api.token(DUTY))).getJsonObject("counts")
        .getInteger("help_waiting"));
    JsonObject row = residentInRollCall();
    assertEquals("taken", row.getJsonObject("help").getString("state"));
    assertEquals("Monitor", row.getJsonObject("help").getJsonObject("taken_by").getString("name"));
    assertNotNull(row.getJsonObject("help").getString("taken_at"));
  }

  @Test
  void aCallForHelpStopsRingingWhenTheResidentChecksInSafe() throws Exception {
    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help")));
    ok(checkIn(RESIDENT, new JsonObject().put("status", "safe").put("note", "a neighbour carried me down")));

    assertEquals("safe", text("SELECT state FROM help_request"));
    api.sql("UPDATE help_request SET asked_at = now() - INTERVAL '10 minutes'");
    assertEquals(0, reminders.runOnce());
    assertProblem(api.post("/api/v1/help-requests/" + api.one("SELECT id FROM help_request") + "/take",
        api.token(DUTY), ""), 409, "conflict");

    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help").put("note", "again")));
    assertEquals(2, api.one("SELECT count(*) FROM help_request"), "a new call after safe is a new request");
    assertEquals(6, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help'"), "and is heard at once");
  }

  @Test
  void aCallForHelpStopsRingingWhenTheAlertEnds() throws Exception {
    ok(checkIn(RESIDENT, new JsonObject().put("status", "need_help")));
    try (Connection c = api.database().dataSource().getConnection()) {
      assertTrue(ACTIONS.resolve(c, alert, api.personId(DUTY), "slope inspected, all residents accounted for"));
    }
    api.sql("UPDATE help_request SET asked_at = now() - INTERVAL '10 minutes'");

    assertEquals(0, reminders.runOnce());
    assertEquals("ended", text("SELECT state FROM help_request"));
    assertNotNull(text("SELECT closed_at::text FROM help_request"));
  }

  @Test
  void staffRecordACheckInForAVillagerReachedByPhoneAndTheRollCallShowsWhoRecordedIt() throws Exception {
    long resident = api.personId(RESIDENT);
    ok(recordCheckIn(MONITOR, resident, new JsonObject().put("status", "evacuated").put("via", "phone")
        .put("note", "at her daughter's in town")));

    JsonObject row = residentInRollCall();
    assertEquals("evacuated", row.getString("status"));
    assertEquals("at her daughter's in town", row.getString("note"));
    assertEquals("Monitor", row.getJsonObject("recorded_by").getString("name"));
    assertEquals("phone", row.getString("recorded_via"));

    ok(checkIn(RESIDENT, new JsonObject().put("status", "safe")));
    row = residentInRollCall();
    assertEquals("safe", row.getString("status"));
    assertNull(row.getValue("recorded_by"), "the resident's own answer replaces the recorded one");

    assertProblem(recordCheckIn(DUTY, api.personId(LEADER), new JsonObject().put("status", "safe")
        .put("via", "in_person")), 404, "not-found");
  }

  @Test
  void aCallForHelpStaffRecordAtTheDoorIsHeardLikeTheResidentsOwn() throws Exception {
    ok(recordCheckIn(RESPONSIBLE, api.personId(RESIDENT), new JsonObject().put("status", "need_help")
        .put("via", "in_person").put("note", "bedridden, needs a stretcher")));

    assertEquals(List.of(DUTY, MONITOR, RESPONSIBLE), phonesOf("help"));
    assertEquals(api.personId(RESPONSIBLE), api.one("SELECT recorded_by FROM help_request"));
    assertTrue(payload("help", DUTY).getString("body").contains("bedridden"));
    assertEquals("need_help", residentInRollCall().getString("status"));
  }

  @Test
  void withSmsOnACallForHelpAlsoGoesBySms() throws Exception {
    DeliveryConfig sms = new DeliveryConfig(60, Duration.ofMinutes(10), Duration.ofMinutes(30),
        Duration.ofSeconds(30), true);
    HelpRequests help = new HelpRequests(new Notifier(sms).help());
    try (Connection c = api.database().dataSource().getConnection()) {
      help.checkedIn(c, alert, api.personId(RESIDENT), "need_help", "smoke from the kitchen", null, null, null);
    }
    assertEquals(3, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help' AND channel = 'sms'"));
    assertEquals(3, api.one("SELECT count(*) FROM outbox WHERE purpose = 'help' AND channel = 'push'"));
  }

  private java.net.http.HttpResponse<String> checkIn(String phone, JsonObject body) throws Exception {
    return api.post("/api/v1/alerts/" + alert + "/check-in", api.token(phone), body.encode());
  }

  private java.net.http.HttpResponse<String> recordCheckIn(String staff, long resident, JsonObject body)
      throws Exception {
    return api.post("/api/v1/alerts/" + alert + "/residents/" + resident + "/check-in", api.token(staff),
        body.encode());
  }

  private JsonObject residentInRollCall() throws Exception {
    JsonObject rollCall = ok(api.get("/api/v1/alerts/" + alert + "/roll-call", api.token(DUTY)));
    return rollCall.getJsonArray("residents").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("phone").equals(RESIDENT)).findFirst().orElseThrow();
  }

  /** The phones of the push recipients of a purpose, in the order of the people's ids. */
  private List<String> phonesOf(String purpose) throws Exception {
    List<String> phones = new ArrayList<>();
    try (Connection c = api.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT p.id, p.phone FROM outbox o JOIN person p ON p.id = o.person_id"
            + " WHERE o.purpose = '" + purpose + "' AND o.channel = 'push' ORDER BY p.id")) {
      while (r.next()) {
        phones.add(r.getString(2));
      }
    }
    return phones;
  }

  private JsonObject payload(String purpose, String phone) throws Exception {
    return new JsonObject(text("SELECT o.payload::text FROM outbox o JOIN person p ON p.id = o.person_id"
        + " WHERE o.purpose = '" + purpose + "' AND o.channel = 'push' AND p.phone = '" + phone + "'"
        + " ORDER BY o.id DESC LIMIT 1"));
  }

  private String text(String sql) throws Exception {
    try (Connection c = api.database().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!api.live().listening() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(api.live().listening());
  }
}
