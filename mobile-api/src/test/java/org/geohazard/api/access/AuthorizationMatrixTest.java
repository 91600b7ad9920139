package org.geohazard.api.access;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.domain.WarningLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every operation of the contract called by every role — administrator (A), duty officer (D) and leader (L) of Test
 * County, the point's monitor (M) and responsible person (R), a resident of the point (S), and the duty officer of
 * another county (O). A role that may is answered 2xx (or 409 when an earlier role already did it); a role that may
 * not gets 403 or 404, never the data. The matrix must name every operation of the contract.
 */
@Timeout(180)
class AuthorizationMatrixTest {
  private static final Map<Character, String> ROLES = new LinkedHashMap<>();
  /** A 1×1 PNG. */
  private static final byte[] PNG = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfF"
      + "cSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  static {
    ROLES.put('S', RESIDENT);
    ROLES.put('O', OTHER_DUTY);
    ROLES.put('M', MONITOR);
    ROLES.put('R', RESPONSIBLE);
    ROLES.put('L', LEADER);
    ROLES.put('D', DUTY);
    ROLES.put('A', ADMIN);
  }

  /**
   * One call: which roles may make it ({@code allowed}), and which of those may make it but must see nothing of the
   * point ({@code blind}: lists filtered to their own scope).
   */
  record Call(String operation, String method, String path, String contentType, byte[] body, String allowed,
      String blind) {
  }

  private static ApiHarness api;
  private static final List<Call> CALLS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    AlertActions actions = new AlertActions(DeliveryConfig.DEFAULTS);
    long warning;
    long toResolve;
    try (Connection c = api.database().dataSource().getConnection()) {
      warning = actions.raiseManual(c, POINT, WarningLevel.ORANGE, "Cracks widening", "seen by the monitor",
          api.personId(DUTY));
      toResolve = actions.raiseManual(c, "520200000001", WarningLevel.BLUE, "Elsewhere", null, api.personId(ADMIN));
    }
    api.sql("UPDATE alert SET point_code = '" + POINT + "' WHERE id = " + toResolve);
    long event = api.one("SELECT min(id) FROM alert_event WHERE alert_id = " + warning);
    ok(api.post("/api/v1/alerts/" + warning + "/check-in", api.token(RESIDENT), json("status", "need_help")));
    long help = api.one("SELECT max(id) FROM help_request");
    long gauge = api.one("SELECT id FROM sensor WHERE channel = 'rainfall'");
    String monitor = api.token(MONITOR);
    long patrol = ok(api.post("/api/v1/patrols", monitor, json("point", POINT, "findings", "new crack at the road",
        "abnormal", true))).getLong("id");
    long report = report(monitor);
    long toDismiss = report(monitor);
    long patrolPhoto = photo("/api/v1/patrols/" + patrol + "/photos", monitor);
    long reportPhoto = photo("/api/v1/reports/" + report + "/photos", monitor);
    api.sql("INSERT INTO drill (point_code, note, started_at, ended_at) VALUES ('" + POINT + "', 'spring drill',"
        + " now() - INTERVAL '2 hours', now() - INTERVAL '1 hour')");
    long drill = api.one("SELECT max(id) FROM drill");
    api.sql("INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at) SELECT 'Test County', id,"
        + " 'duty_officer', now() + INTERVAL '10 days', now() + INTERVAL '10 days 8 hours' FROM person"
        + " WHERE phone = '" + DUTY + "'");
    long shift = api.one("SELECT max(id) FROM duty_shift");
    api.sql("INSERT INTO person (name, phone) VALUES ('Matrix Person', '13955500000')");
    long person = api.personId("13955500000");
    String time = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String week = java.time.Instant.now().plus(java.time.Duration.ofDays(20)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS).toString();
    String weekEnd = java.time.Instant.now().plus(java.time.Duration.ofDays(20)).plus(java.time.Duration.ofHours(8))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String a = "/api/v1/alerts/" + warning;
    String everyone = "ADLMRSO";
    String staff = "ADLMR";
    String dutyRoom = "ADL";

    call("logout", "POST", "/api/v1/auth/logout", json("refresh_token", "r".repeat(43)), everyone);
    call("me", "GET", "/api/v1/me", null, everyone);
    call("registerPushToken", "POST", "/api/v1/me/push-tokens", json("token", "matrix-token-{role}-00000",
        "platform", "android"), everyone);
    call("removePushToken", "DELETE", "/api/v1/me/push-tokens/matrix-token-{role}-00000", null, everyone);
    call("setMyHome", "PUT", "/api/v1/me/home", json("lat", 30.6, "lon", 104.1), everyone);
    call("clearMyHome", "DELETE", "/api/v1/me/home", null, everyone);
    call("getMyHome", "GET", "/api/v1/me/home", null, everyone);
    api.sql("INSERT INTO person (name, phone, home_latitude, home_longitude, home_origin)"
        + " VALUES ('Claimant', '13955500009', 30.6, 104.1, 'self')");
    long claimant = api.personId("13955500009");
    api.sql("INSERT INTO home_claim (person_id, point_code) VALUES (" + claimant + ", '" + POINT + "')");
    blind("listHomeClaims", "GET", "/api/v1/home-claims", "ADLMRO", "O");
    call("confirmHomeClaim", "POST", "/api/v1/home-claims/" + POINT + "/" + claimant + "/confirm", null, staff);
    call("rejectHomeClaim", "POST", "/api/v1/home-claims/" + POINT + "/" + claimant + "/reject", null, staff);
    call("myWarnings", "GET", "/api/v1/me/warnings", null, everyone);
    blind("listPoints", "GET", "/api/v1/points", everyone, "O");
    call("getPoint", "GET", "/api/v1/points/" + POINT, null, "ADLMRS");
    call("sensorReadings", "GET", "/api/v1/sensors/" + gauge + "/readings?from=2025-07-01T00:00:00Z"
        + "&to=2025-07-02T00:00:00Z&bucket=60", null, "ADLMR");
    blind("listAlerts", "GET", "/api/v1/alerts", everyone, "O");
    call("getAlert", "GET", a, null, "ADLMRS");
    call("alertCap", "GET", a + "/cap", null, "ADLMRS");
    call("alertCapMessage", "GET", a + "/cap/" + event, null, "ADLMRS");
    // before the check-ins below, which end the resident's call for help
    call("takeHelpRequest", "POST", "/api/v1/help-requests/" + help + "/take", null, staff);
    call("checkIn", "POST", a + "/check-in", json("status", "safe"), "S");
    call("recordCheckIn", "POST", a + "/residents/" + api.personId(RESIDENT) + "/check-in", json("status",
        "evacuated", "via", "phone", "note", "reached by phone"), staff);
    call("rollCall", "GET", a + "/roll-call", null, dutyRoom);
    call("listDeliveries", "GET", a + "/deliveries", null, dutyRoom);
    call("answerAlert", "POST", a + "/answer", null, "ADLM");
    call("resolveAlert", "POST", "/api/v1/alerts/" + toResolve + "/resolve", json("note", "inspected"), dutyRoom);
    call("raiseAlert", "POST", "/api/v1/alerts", json("point", POINT, "level", "blue", "title", "By hand"), dutyRoom);
    call("createPatrol", "POST", "/api/v1/patrols", json("point", POINT, "findings", "quiet", "abnormal", false),
        "AMR");
    call("listPatrols", "GET", "/api/v1/patrols?point=" + POINT, null, staff);
    call("getPatrol", "GET", "/api/v1/patrols/" + patrol, null, staff);
    add(new Call("addPatrolPhoto", "POST", "/api/v1/patrols/" + patrol + "/photos", "image/png", PNG, "AMR", ""));
    call("getPatrolPhoto", "GET", "/api/v1/patrols/" + patrol + "/photos/" + patrolPhoto, null, staff);
    call("createReport", "POST", "/api/v1/reports", reportBody(), "ADLMRS");
    blind("listReports", "GET", "/api/v1/reports", everyone, "SO");
    call("getReport", "GET", "/api/v1/reports/" + report, null, staff);
    add(new Call("addReportPhoto", "POST", "/api/v1/reports/" + report + "/photos", "image/png", PNG, staff, ""));
    call("getReportPhoto", "GET", "/api/v1/reports/" + report + "/photos/" + reportPhoto, null, staff);
    call("raiseAlertFromReport", "POST", "/api/v1/reports/" + report + "/raise-alert", "{}", dutyRoom);
    call("dismissReport", "POST", "/api/v1/reports/" + toDismiss + "/dismiss", json("note", "a rockfall from the"
        + " road works"), dutyRoom);
    blind("listDrills", "GET", "/api/v1/drills", "ADLO", "O");
    call("getDrill", "GET", "/api/v1/drills/" + drill, null, dutyRoom);
    call("stopDrill", "POST", "/api/v1/drills/" + drill + "/stop", null, dutyRoom);
    call("startDrill", "POST", "/api/v1/drills", json("point", POINT, "note", "autumn drill"), dutyRoom);
    blind("onDuty", "GET", "/api/v1/duty/now", "ADLMRO", "O");
    blind("listDeadLetters", "GET", "/api/v1/dead-letters", "ADLO", "O");
    blind("yearFigures", "GET", "/api/v1/figures?year=2026", "ADLO", "O");
    add(new Call("hazardQuery", "POST", "/api/v1/hazard-query", "application/json", json("location",
        new JsonObject().put("lat", 30.6).put("lon", 104.1), "distance_m", 1000).getBytes(), "ADLRO", "O"));
    call("liveEvents", "GET", "/api/v1/events", null, "ADLMRO");
    api.sql("INSERT INTO at_risk_house (county, kind, owner_name, latitude, longitude, risk_grade, point_code,"
        + " created_by) VALUES ('Test County', 'cut_slope', 'Owner', 30.6, 104.1, 'high', '" + POINT + "', "
        + api.personId(ADMIN) + ")");
    String house = "/api/v1/houses/" + api.one("SELECT max(id) FROM at_risk_house");
    call("createHouse", "POST", "/api/v1/houses", houseBody(), "AD");
    blind("listHouses", "GET", "/api/v1/houses", everyone, "SO");
    call("getHouse", "GET", house, null, staff);
    call("updateHouse", "PUT", house, houseBody(), "AD");
    call("createHouseInspection", "POST", house + "/inspections", json("findings", "walls sound",
        "danger_found", false), "ADMR");
    call("listHouseInspections", "GET", house + "/inspections", null, staff);
    api.sql("INSERT INTO house_inspection (house_id, person_id, inspected_at, findings, danger_found) SELECT max(id), "
        + api.personId(ADMIN) + ", now(), 'sound', false FROM at_risk_house");
    String inspectionPhotos = "/api/v1/house-inspections/" + api.one("SELECT max(id) FROM house_inspection")
        + "/photos";
    add(new Call("addHouseInspectionPhoto", "POST", inspectionPhotos, "image/png", PNG, "ADMR", ""));
    api.sql("INSERT INTO ledger_photo (house_inspection_id, content_type, size_bytes, data, uploaded_by) SELECT"
        + " max(id), 'image/png', 1, '\\x89', " + api.personId(ADMIN) + " FROM house_inspection");
    call("getHouseInspectionPhoto", "GET", inspectionPhotos + "/" + api.one("SELECT max(id) FROM ledger_photo"), null,
        staff);
    api.sql("INSERT INTO outreach_session (county, kind, title, place, held_on, attendance, created_by)"
        + " VALUES ('Test County', 'training', 'Signs of a slide', 'Hall', '2026-05-01', 30, " + api.personId(ADMIN)
        + ")");
    String session = "/api/v1/outreach/" + api.one("SELECT max(id) FROM outreach_session");
    call("createOutreachSession", "POST", "/api/v1/outreach", sessionBody(), "AD");
    blind("listOutreachSessions", "GET", "/api/v1/outreach", everyone, "SOMR");
    call("getOutreachSession", "GET", session, null, dutyRoom);
    call("updateOutreachSession", "PUT", session, sessionBody(), "AD");
    api.sql("INSERT INTO treatment_project (point_code, name, stage, created_by) VALUES ('" + POINT + "',"
        + " 'Drains', 'design', " + api.personId(ADMIN) + ")");
    String treatment = "/api/v1/treatments/" + api.one("SELECT max(id) FROM treatment_project");
    call("createTreatment", "POST", "/api/v1/treatments", treatmentBody(), "AD");
    blind("listTreatments", "GET", "/api/v1/treatments", everyone, "SO");
    call("getTreatment", "GET", treatment, null, staff);
    call("updateTreatment", "PUT", treatment, treatmentBody(), "AD");
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county)"
        + " VALUES ('510100000301', 'Treated slope', 'landslide', 30.61, 104.11, 'Test County')");
    call("strikeOffPoint", "POST", "/api/v1/points/510100000301/strike-off", json("reason", "treated",
        "evidence", "acceptance report", "struck_off_on", "2026-01-05"), "AD");
    blind("listStrikeOffs", "GET", "/api/v1/strike-offs", everyone, "SOMR");
    call("annualReport", "GET", "/api/v1/reports/annual?year=2026&county=Test%20County&format=json", null, dutyRoom);
    call("annualReportRows", "GET", "/api/v1/reports/annual/rows?year=2026&county=Test%20County&figure=warnings",
        null, dutyRoom);
    api.sql("INSERT INTO survey_campaign (county, kind, title, starts_on, ends_on, created_by) VALUES ('Test County',"
        + " 'pre_flood', 'Pre-flood', '2026-04-01', '2026-05-01', " + api.personId(ADMIN) + ")");
    long campaign = api.one("SELECT max(id) FROM survey_campaign");
    api.sql("INSERT INTO campaign_target (campaign_id, point_code) VALUES (" + campaign + ", '" + POINT + "')");
    long target = api.one("SELECT max(id) FROM campaign_target");
    api.sql("INSERT INTO campaign_inspection (target_id, person_id, inspected_at, findings, danger_found) VALUES ("
        + target + ", " + api.personId(ADMIN) + ", now(), 'scarp', true)");
    api.sql("INSERT INTO point_proposal (inspection_id, county, name, hazard_type, latitude, longitude, description)"
        + " SELECT max(id), 'Test County', 'Scarp', 'rockfall', 30.6, 104.1, 'loose blocks' FROM campaign_inspection");
    String k = "/api/v1/campaigns/" + campaign;
    call("createCampaign", "POST", "/api/v1/campaigns", json("county", "Test County", "kind", "after_storm", "title",
        "After the storm", "starts_on", "2026-07-01", "ends_on", "2026-07-05", "covers", new JsonObject()
            .put("all_points", true)), "AD");
    blind("listCampaigns", "GET", "/api/v1/campaigns", everyone, "SO");
    call("getCampaign", "GET", k, null, staff);
    call("listCampaignTargets", "GET", k + "/targets", null, staff);
    call("createCampaignInspection", "POST", k + "/targets/" + target + "/inspections", json("findings", "fine",
        "danger_found", false), "ADMR");
    call("listCampaignInspections", "GET", k + "/targets/" + target + "/inspections", null, staff);
    String campaignPhotos = "/api/v1/campaign-inspections/" + api.one("SELECT min(id) FROM campaign_inspection")
        + "/photos";
    add(new Call("addCampaignInspectionPhoto", "POST", campaignPhotos, "image/png", PNG, "ADMR", ""));
    api.sql("INSERT INTO ledger_photo (campaign_inspection_id, content_type, size_bytes, data, uploaded_by) SELECT"
        + " min(id), 'image/png', 1, '\\x89', " + api.personId(ADMIN) + " FROM campaign_inspection");
    call("getCampaignInspectionPhoto", "GET", campaignPhotos + "/" + api.one("SELECT max(id) FROM ledger_photo"),
        null, staff);
    blind("listPointProposals", "GET", "/api/v1/point-proposals", everyone, "SOMR");
    call("decidePointProposal", "PUT", "/api/v1/point-proposals/" + api.one("SELECT max(id) FROM point_proposal"),
        json("state", "declined", "note", "a known slope"), "A");
    api.sql("INSERT INTO disaster_event (county, kind, point_code, place, occurred_at, deaths, missing, injured,"
        + " created_by) VALUES ('Test County', 'landslide', '" + POINT + "', 'Above the road', '2026-05-01 03:00+08',"
        + " 0, 0, 0, " + api.personId(ADMIN) + ")");
    String disaster = "/api/v1/disaster-events/" + api.one("SELECT max(id) FROM disaster_event");
    call("createDisasterEvent", "POST", "/api/v1/disaster-events", disasterBody(), "AD");
    blind("listDisasterEvents", "GET", "/api/v1/disaster-events", everyone, "SOMR");
    call("getDisasterEvent", "GET", disaster, null, dutyRoom);
    call("updateDisasterEvent", "PUT", disaster, disasterBody(), "AD");
    String card = "/api/v1/points/" + POINT + "/cards/work/" + api.personId(MONITOR);
    call("getCard", "GET", card, null, staff);
    call("printCard", "GET", card + "/page", null, staff);
    call("recordCardIssue", "POST", "/api/v1/points/" + POINT + "/card-issues", json("kind", "avoidance",
        "person_id", api.personId(RESIDENT), "issued_on", "2026-05-03"), "ADMR");
    call("listCardIssues", "GET", "/api/v1/points/" + POINT + "/card-issues", null, staff);
    blind("myCards", "GET", "/api/v1/me/cards", everyone, "ADLRO");
    String plans = "/api/v1/points/" + POINT + "/plans";
    api.sql("INSERT INTO point_plan_version (point_code, version, plan_text, changes, created_by) VALUES ('" + POINT
        + "', 1, 'Plan', 'Drawn up', " + api.personId(ADMIN) + ")");
    call("listPlanVersions", "GET", plans, null, "ADLMRS");
    call("getPlanVersion", "GET", plans + "/1", null, "ADLMRS");
    // at another point of the county: the test point's version 1 stays the current one, the residents' to read
    call("createPlanVersion", "POST", "/api/v1/points/510100000301/plans", json("text", "Plan", "changes",
        "Shelter moved"), "AD");
    blind("exportDataset", "GET", "/api/v1/exports/points", "ADLO", "O");
    blind("exportDataset", "GET", "/api/v1/exports/warnings?year=2026&format=json", "ADLO", "O");

    call("adminListDevices", "GET", "/api/v1/admin/devices", null, "A");
    call("adminCreateDevice", "POST", "/api/v1/admin/devices", json("id", "MX-1", "point", POINT, "channels",
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("key", "crack_width"))), "A");
    call("adminGetDevice", "GET", "/api/v1/admin/devices/LF-T1", null, "A");
    call("adminUpdateDevice", "PATCH", "/api/v1/admin/devices/MX-1", json("interval_s", 300), "A");
    call("adminPutChannel", "PUT", "/api/v1/admin/devices/MX-1/channels/crack_width_2", json("metric",
        "crack_width"), "A");
    call("adminPutRule", "PUT", "/api/v1/admin/points/" + POINT + "/rules/matrix-rain", new JsonObject()
        .put("kind", "accumulation").put("channel", "RG-T1/rainfall").put("windows", new JsonObject()
            .put("1h", new JsonObject().put("blue", 10).put("yellow", 20).put("orange", 30).put("red", 40)))
        .encode(), "A");
    call("adminListRules", "GET", "/api/v1/admin/points/" + POINT + "/rules", null, "A");
    call("adminGetRule", "GET", "/api/v1/admin/points/" + POINT + "/rules/matrix-rain", null, "A");
    call("adminSetRuleEnabled", "PATCH", "/api/v1/admin/points/" + POINT + "/rules/matrix-rain",
        json("enabled", false), "A");
    call("adminDeleteRule", "DELETE", "/api/v1/admin/points/" + POINT + "/rules/matrix-rain", null, "A");
    call("adminGetRecipientPolicy", "GET", "/api/v1/admin/points/" + POINT + "/recipient-policy", null, "A");
    call("adminSetRecipientPolicy", "PUT", "/api/v1/admin/points/" + POINT + "/recipient-policy/blue",
        json("roles", new io.vertx.core.json.JsonArray().add("duty_officer").add("monitor"), "sirens", false), "A");
    call("adminResetRecipientPolicy", "DELETE", "/api/v1/admin/points/" + POINT + "/recipient-policy/blue", null,
        "A");
    call("adminListShifts", "GET", "/api/v1/admin/roster?county=Test%20County", null, "A");
    call("adminAddShift", "POST", "/api/v1/admin/roster", json("county", "Test County", "person_id",
        api.personId(DUTY), "role", "duty_officer", "starts_at", week, "ends_at", weekEnd), "A");
    call("adminRemoveShift", "DELETE", "/api/v1/admin/roster/" + shift, null, "A");
    call("createPoint", "POST", "/api/v1/admin/points", pointBody("MX-POINT", "Matrix slope"), "A");
    call("updatePoint", "PUT", "/api/v1/admin/points/MX-POINT", pointBody("MX-POINT", "Matrix slope, renamed"), "A");
    call("listPeople", "GET", "/api/v1/admin/people?q=139", null, "A");
    call("createPerson", "POST", "/api/v1/admin/people", json("name", "Created", "phone", "13955500001"), "A");
    call("getPerson", "GET", "/api/v1/admin/people/" + person, null, "A");
    call("updatePerson", "PUT", "/api/v1/admin/people/" + person, json("name", "Matrix Person",
        "phone", "13955500000"), "A");
    call("setPersonRoles", "PUT", "/api/v1/admin/people/" + person + "/roles", json("roles",
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "monitor").put("point", POINT))), "A");
    add(new Call("importResidents", "POST", "/api/v1/admin/residents/import", "text/csv",
        "name,phone,lat,lon,point\nImported Resident,13955500002,30.6,104.1,\n".getBytes(), "A", ""));
    call("deletePerson", "DELETE", "/api/v1/admin/people/" + person, null, "A");
    assertTrue(time.endsWith("Z"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void everyOperationOfTheContractIsInTheMatrix() throws Exception {
    Set<String> contract = new TreeSet<>(ContractOperations.load().stream()
        .filter(ContractOperations.Operation::secured).map(ContractOperations.Operation::id).toList());
    Set<String> matrix = new TreeSet<>(CALLS.stream().map(Call::operation).toList());
    assertEquals(contract, matrix);
  }

  @Test
  void eachRoleGetsWhatItMayAndNothingElse() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Call call : CALLS) {
      for (Map.Entry<Character, String> role : ROLES.entrySet()) {
        boolean allowed = call.allowed().indexOf(role.getKey()) >= 0;
        Answer answer = send(call, role.getKey(), api.token(role.getValue()));
        String verdict = answer.judge(allowed, call.blind().indexOf(role.getKey()) >= 0);
        if (verdict != null) {
          wrong.add(call.operation() + " as " + role.getKey() + ": " + verdict);
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void noExpiredTamperedOrUnsignedTokenOpensAnyOperation() throws Exception {
    long duty = api.personId(DUTY);
    String good = api.token(DUTY);
    String expired = new Tokens(api.vertx(), ApiHarness.SECRET, java.time.Duration.ofSeconds(1)).access(duty);
    String otherKey = new Tokens(api.vertx(), "another-signing-key-of-32-characters!!", java.time.Duration.ofMinutes(5))
        .access(duty);
    String[] parts = good.split("\\.");
    String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    String tampered = parts[0] + "." + base64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
        java.nio.charset.StandardCharsets.UTF_8).replace("\"sub\":\"" + duty + "\"", "\"sub\":\""
        + api.personId(ADMIN) + "\"")) + "." + parts[2];
    Thread.sleep(1_100);
    List<String> wrong = new ArrayList<>();
    for (ContractOperations.Operation operation : ContractOperations.load()) {
      if (!operation.secured()) {
        continue;
      }
      for (String token : new String[] {null, expired, otherKey, unsigned, tampered, "not-a-jwt"}) {
        Call call = new Call(operation.id(), operation.method(), operation.samplePath(), "application/json",
            operation.method().equals("GET") || operation.method().equals("DELETE") ? null : "{}".getBytes(), "", "");
        Answer answer = send(call, 'X', token);
        if (answer.status() != 401 || !answer.contentType().startsWith("application/problem+json")) {
          wrong.add(operation.id() + " with " + (token == null ? "no token" : token) + ": " + answer.status());
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void sqlMetacharactersInEveryStringAreJustText() throws Exception {
    String evil = "x'); DROP TABLE alert; --\" OR 1=1 ; \\";
    List<String> wrong = new ArrayList<>();
    for (Call call : CALLS) {
      if (call.body() == null || !call.contentType().equals("application/json")) {
        continue;
      }
      JsonObject body = new JsonObject(new String(call.body(), java.nio.charset.StandardCharsets.UTF_8));
      for (String field : body.fieldNames()) {
        if (body.getValue(field) instanceof String) {
          JsonObject poisoned = body.copy().put(field, evil);
          Call changed = new Call(call.operation(), call.method(), call.path(), call.contentType(),
              poisoned.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), call.allowed(), call.blind());
          Answer answer = send(changed, 'A', api.token(ADMIN));
          if (answer.status() >= 500) {
            wrong.add(call.operation() + " with " + field + ": " + answer.status() + " " + answer.body());
          }
        }
      }
    }
    for (ContractOperations.Operation operation : ContractOperations.load()) {
      for (String parameter : operation.freeTextQuery()) {
        Call call = new Call(operation.id(), operation.method(), operation.samplePath() + "?" + parameter + "="
            + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8), "application/json",
            operation.method().equals("GET") ? null : "{}".getBytes(), "A", "");
        Answer answer = send(call, 'A', api.token(ADMIN));
        if (answer.status() >= 500) {
          wrong.add(operation.id() + " with ?" + parameter + ": " + answer.status() + " " + answer.body());
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertTrue(api.one("SELECT count(*) FROM alert") > 0, "the alerts are still there");
    assertTrue(api.one("SELECT count(*) FROM person WHERE name = '" + evil.replace("'", "''") + "'") > 0,
        "the name was stored as it was written");
  }

  @Test
  void everyJsonBodyRefusesUnknownFieldsBrokenJsonAndOversizedBodies() throws Exception {
    List<String> wrong = new ArrayList<>();
    byte[] oversized = ("{\"note\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes();
    for (Call call : CALLS) {
      if (call.body() == null || !call.contentType().equals("application/json")) {
        continue;
      }
      JsonObject body = new JsonObject(new String(call.body(), java.nio.charset.StandardCharsets.UTF_8));
      Map<String, byte[]> bad = new LinkedHashMap<>();
      bad.put("an unknown field", body.copy().put("is_admin", true).encode().getBytes());
      bad.put("broken JSON", "{\"point\": ".getBytes());
      bad.put("a JSON array", "[]".getBytes());
      bad.put("an oversized body", oversized);
      for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
        Answer answer = send(new Call(call.operation(), call.method(), call.path(), call.contentType(),
            entry.getValue(), "A", ""), 'A', api.token(ADMIN));
        int expected = entry.getKey().equals("an oversized body") ? 413 : 400;
        if (answer.status() != expected || !answer.contentType().startsWith("application/problem+json")) {
          wrong.add(call.operation() + " with " + entry.getKey() + ": " + answer.status() + " " + answer.body());
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private static String base64(String text) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A status, the media type and, unless it is a stream, the body. */
  record Answer(int status, String contentType, String body) {
    String judge(boolean allowed, boolean blind) {
      if (status >= 500 || status == 401) {
        return status + " " + body;
      }
      if (!allowed) {
        boolean problem = contentType.startsWith("application/problem+json");
        return (status == 403 || status == 404) && problem ? null : "expected 403/404, got " + status + " " + body;
      }
      if (status != 409 && (status < 200 || status > 299)) {
        return "expected success, got " + status + " " + body;
      }
      if (blind && (body.contains(POINT) || body.contains("Test County"))) {
        return "expected nothing of Test County, got " + body;
      }
      return null;
    }
  }

  private static Answer send(Call call, char role, String token) throws Exception {
    String path = call.path().replace("{role}", String.valueOf(role));
    byte[] body = call.body() == null || call.contentType().startsWith("image/") ? call.body()
        : new String(call.body(), java.nio.charset.StandardCharsets.UTF_8).replace("{role}", String.valueOf(role))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest.Builder request = api.request(path, token).method(call.method(), body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", call.contentType());
    }
    HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    String type = response.headers().firstValue("Content-Type").orElse("");
    try (java.io.InputStream in = response.body()) {
      String text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      return new Answer(response.statusCode(), type, text);
    }
  }

  private static void call(String operation, String method, String path, String json, String allowed) {
    add(new Call(operation, method, path, "application/json", json == null ? null
        : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), allowed, ""));
  }

  private static void blind(String operation, String method, String path, String allowed, String blind) {
    add(new Call(operation, method, path, "application/json", null, allowed, blind));
  }

  private static void add(Call call) {
    CALLS.add(call);
  }

  private static String json(Object... pairs) {
    JsonObject object = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      object.put((String) pairs[i], pairs[i + 1]);
    }
    return object.encode();
  }

  private static String reportBody() {
    return new JsonObject().put("point", POINT).put("signs", new io.vertx.core.json.JsonArray().add("new_cracks"))
        .put("description", "a new crack across the road").put("suggested_level", "yellow").encode();
  }

  private static String sessionBody() {
    return new JsonObject().put("county", "Test County").put("kind", "outreach").put("title", "Signs of a slide")
        .put("place", "Village square").put("held_on", "2026-05-02").put("attendance", 40).encode();
  }

  private static String treatmentBody() {
    return new JsonObject().put("point", POINT).put("name", "Retaining wall").put("stage", "construction").encode();
  }

  private static String disasterBody() {
    return new JsonObject().put("county", "Test County").put("kind", "landslide").put("point", POINT)
        .put("place", "Above the road").put("occurred_at", "2026-05-01T03:00:00+08:00").put("deaths", 0)
        .put("missing", 0).put("injured", 1).put("people_warned_safe", 12).put("investigation", "a shallow slide")
        .encode();
  }

  private static String houseBody() {
    return new JsonObject().put("county", "Test County").put("kind", "cut_slope").put("owner_name", "Owner")
        .put("location", new JsonObject().put("lat", 30.6).put("lon", 104.1)).put("risk_grade", "high")
        .put("point", POINT).encode();
  }

  private static String pointBody(String code, String name) {
    return new JsonObject().put("code", code).put("name", name).put("type", "landslide")
        .put("location", new JsonObject().put("lat", 30.7).put("lon", 104.2)).put("county", "Test County")
        .put("threatened_zone", new JsonObject().put("radius_m", 200)).encode();
  }

  private static long report(String token) throws Exception {
    return ok(api.post("/api/v1/reports", token, reportBody())).getLong("id");
  }

  private static long photo(String path, String token) throws Exception {
    return ok(api.send(api.request(path, token).header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PNG)))).getLong("id");
  }
}
