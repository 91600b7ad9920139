package org.geohazard.api.cards;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.RESPONSIBLE;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two cards and one plan through real HTTP and a real database: the cards read the registry (the point, its devices,
 * the duty room's phones, the evacuation plan), each card handed over is recorded as printed and the point's count of
 * people without one drops, a resident gets their own card and no other, the plan's versions follow one another and
 * the earlier ones stay readable, and who may do and see each.
 */
@Timeout(120)
class CardsTest {
  /** A second household of the test point. */
  private static final String NEIGHBOUR = "13900000051";
  /** A point of Test County without devices or an evacuation plan, with a monitor of its own. */
  private static final String BARE_POINT = "510100000402";
  private static final String BARE_MONITOR = "13900000052";
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    person("Neighbour", NEIGHBOUR, "resident", POINT);
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county)"
        + " VALUES ('" + BARE_POINT + "', 'Gully <b>&</b>', 'debris_flow', 30.62, 104.12, 'Test County')");
    person("Gully Monitor", BARE_MONITOR, "monitor", BARE_POINT);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void theCardsCarryThePointsFactsAndTheDutyRoomsPhone() throws Exception {
    JsonObject work = ok(api.get(card("work", MONITOR), api.token(DUTY)));
    assertEquals("地质灾害隐患点监测员工作明白卡", work.getString("title"));
    assertEquals(api.personId(MONITOR), work.getJsonObject("person").getLong("id"));
    String text = work.getString("text");
    for (String fact : new String[] {"名称：Test slope", "编号：" + POINT, "类型：滑坡", "Test CountyHill TownUpper Village",
        "北纬30.60000°", "12户，40人", "LF-T1", "裂缝宽度", "降雨量", "巡查", "蓝色预警", "黄色预警", "橙色预警", "红色预警",
        "预警信号：siren and gong", "县值班室（Test County）：Duty Officer，电话 13800000001",
        "隐患点责任人：Responsible Person，电话 13800000003", "监测员：Monitor，电话 13800000002"}) {
      assertTrue(text.contains(fact), fact + " in\n" + text);
    }
    assertTrue(work.getJsonArray("sections").stream().map(s -> ((JsonObject) s).getString("heading")).toList()
        .containsAll(java.util.List.of("隐患点", "监测内容", "巡查职责", "预警信号与处置", "联系电话")));

    JsonObject avoidance = ok(api.get(card("avoidance", RESIDENT), api.token(MONITOR)));
    String household = avoidance.getString("text");
    for (String fact : new String[] {"地质灾害避险明白卡", "户主：Resident，电话 " + RESIDENT, "本户位于滑坡隐患点“Test slope”",
        "撤离路线：along the school road to the playground", "集合地点：primary school playground",
        "避险场所：未定", "县值班室（Test County）：Duty Officer，电话 13800000001", "监测员：Monitor，电话 13800000002",
        "预案联系电话：13800000001"}) {
      assertTrue(household.contains(fact), fact + " in\n" + household);
    }

    HttpResponse<String> page = api.get(card("avoidance", RESIDENT) + "/page", api.token(LEADER));
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<h1>地质灾害避险明白卡</h1>") && page.body().contains("持卡人签字"), page.body());
    assertTrue(page.body().contains("along the school road to the playground"));
  }

  @Test
  void aPointWithoutDevicesOrPlanGetsACardThatSaysSoAndItsPageIsEscaped() throws Exception {
    String path = "/api/v1/points/" + BARE_POINT + "/cards/work/" + api.personId(BARE_MONITOR);
    String text = ok(api.get(path, api.token(DUTY))).getString("text");
    for (String fact : new String[] {"类型：泥石流", "监测设备：无", "预警信号：未定", "威胁对象：未登记"}) {
      assertTrue(text.contains(fact), fact + " in\n" + text);
    }
    String page = api.get(path + "/page", api.token(DUTY)).body();
    assertTrue(page.contains("Gully &lt;b&gt;&amp;&lt;/b&gt;"), page);
    assertFalse(page.contains("<b>&"), page);
  }

  @Test
  void aCardHandedOverIsRecordedAsPrintedAndTheCountOfThoseWithoutDrops() throws Exception {
    JsonObject before = ok(api.get(issues(), api.token(DUTY)));
    assertEquals(1, before.getJsonObject("work").getLong("holders"));
    assertEquals(2, before.getJsonObject("avoidance").getLong("holders"), "the resident and the neighbour");
    long waitingAvoidance = before.getJsonObject("avoidance").getLong("without_card");
    long waitingWork = before.getJsonObject("work").getLong("without_card");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    JsonObject handed = ok(api.post(issues(), api.token(MONITOR), issue("avoidance", api.personId(NEIGHBOUR),
        yesterday).encode()));
    assertEquals(api.personId(NEIGHBOUR), handed.getJsonObject("person").getLong("id"));
    assertEquals(api.personId(MONITOR), handed.getJsonObject("handed_over_by").getLong("id"), "the caller by default");
    assertEquals(api.personId(MONITOR), handed.getLong("recorded_by"));
    assertEquals(yesterday, handed.getString("issued_on"));
    assertTrue(handed.getString("card_text").contains("户主：Neighbour"));

    JsonObject byResponsible = ok(api.post(issues(), api.token(DUTY), issue("work", api.personId(MONITOR), yesterday)
        .put("handed_over_by", api.personId(RESPONSIBLE)).encode()));
    assertEquals("Responsible Person", byResponsible.getJsonObject("handed_over_by").getString("name"));
    assertEquals(api.personId(DUTY), byResponsible.getLong("recorded_by"));

    JsonObject after = ok(api.get(issues(), api.token(LEADER)));
    assertEquals(waitingAvoidance - 1, after.getJsonObject("avoidance").getLong("without_card"));
    assertEquals(waitingWork - 1, after.getJsonObject("work").getLong("without_card"));
    long neighbour = api.personId(NEIGHBOUR);
    assertTrue(after.getJsonArray("waiting").stream().noneMatch(w -> ((JsonObject) w).getJsonObject("person")
        .getLong("id") == neighbour));
    assertEquals(1, ok(api.get(issues() + "?kind=work", api.token(MONITOR))).getJsonArray("items").size());

    JsonObject card = ok(api.get(card("avoidance", NEIGHBOUR), api.token(DUTY)));
    assertTrue(card.getJsonObject("last_issue").getBoolean("up_to_date"));
    api.sql("UPDATE hazard_point SET property_at_risk = 'a school' WHERE code = '" + POINT + "'");
    card = ok(api.get(card("avoidance", NEIGHBOUR), api.token(DUTY)));
    assertTrue(card.getString("text").contains("a school"));
    assertFalse(card.getJsonObject("last_issue").getBoolean("up_to_date"), "the registry changed since");
    assertFalse(api.get(issues(), api.token(DUTY)).body().contains("a school"), "what was handed over stays");
  }

  @Test
  void aResidentGetsTheirOwnCardAndNoOther() throws Exception {
    JsonArray mine = ok(api.get("/api/v1/me/cards", api.token(RESIDENT))).getJsonArray("items");
    assertEquals(1, mine.size());
    JsonObject own = mine.getJsonObject(0);
    assertEquals("avoidance", own.getString("kind"));
    assertEquals(POINT, own.getString("point"));
    assertEquals(api.personId(RESIDENT), own.getJsonObject("person").getLong("id"));
    assertTrue(own.getString("text").contains("户主：Resident"));
    assertFalse(own.getString("text").contains("Neighbour"));
    assertNull(own.getValue("last_issue"));

    JsonArray neighbours = ok(api.get("/api/v1/me/cards", api.token(NEIGHBOUR))).getJsonArray("items");
    assertEquals(1, neighbours.size());
    assertEquals(api.personId(NEIGHBOUR), neighbours.getJsonObject(0).getJsonObject("person").getLong("id"));
    assertProblem(api.get(card("avoidance", NEIGHBOUR), api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.get(card("avoidance", RESIDENT), api.token(RESIDENT)), 404, "not-found");

    JsonArray monitors = ok(api.get("/api/v1/me/cards", api.token(MONITOR))).getJsonArray("items");
    assertEquals("work", monitors.getJsonObject(0).getString("kind"));
    assertEquals(0, ok(api.get("/api/v1/me/cards", api.token(DUTY))).getJsonArray("items").size());
  }

  @Test
  void planVersionsFollowOneAnotherAndTheEarlierStayReadable() throws Exception {
    String plans = "/api/v1/points/" + POINT + "/plans";
    HttpResponse<String> first = api.post(plans, api.token(DUTY), plan("预案第一版", "首次编制").put("approved_on",
        "2025-04-01").encode());
    JsonObject one = ok(first);
    assertEquals(1, one.getInteger("version"));
    assertEquals(plans + "/1", first.headers().firstValue("Location").orElseThrow());
    assertEquals("2025-04-01", one.getString("approved_on"));
    assertEquals("primary school playground", one.getJsonObject("evacuation").getString("assembly_point"));
    JsonObject two = ok(api.post(plans, api.token(ADMIN), plan("预案第二版", "避险场所改为村委会").encode()));
    assertEquals(2, two.getInteger("version"));
    assertTrue(two.getBoolean("current"));

    JsonArray versions = ok(api.get(plans, api.token(LEADER))).getJsonArray("items");
    assertEquals(2, versions.size());
    assertEquals(2, versions.getJsonObject(0).getInteger("version"));
    assertFalse(versions.getJsonObject(1).getBoolean("current"));
    JsonObject earlier = ok(api.get(plans + "/1", api.token(MONITOR)));
    assertEquals("预案第一版", earlier.getString("text"));
    assertEquals("首次编制", earlier.getString("changes"));
    assertFalse(earlier.getBoolean("current"));

    JsonArray residents = ok(api.get(plans, api.token(RESIDENT))).getJsonArray("items");
    assertEquals(1, residents.size(), "residents read the current version");
    assertEquals("预案第二版", residents.getJsonObject(0).getString("text"));
    assertEquals(2, ok(api.get(plans + "/2", api.token(RESIDENT))).getInteger("version"));
    assertProblem(api.get(plans + "/1", api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.get(plans + "/3", api.token(DUTY)), 404, "not-found");
    assertProblem(api.get(plans, api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.post(plans, api.token(MONITOR), plan("x", "y").encode()), 403, "forbidden");
    assertProblem(api.post(plans, api.token(LEADER), plan("x", "y").encode()), 403, "forbidden");
    assertProblem(api.post(plans, api.token(RESIDENT), plan("x", "y").encode()), 404, "not-found");
    assertProblem(api.post(plans, api.token(OTHER_DUTY), plan("x", "y").encode()), 404, "not-found");
    assertEquals(2, api.one("SELECT count(*) FROM point_plan_version WHERE point_code = '" + POINT + "'"));
  }

  @Test
  void onlyThePointsStaffSeeItsCardsAndOnlySomeRecordThem() throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String body = issue("avoidance", api.personId(RESIDENT), today).encode();
    assertProblem(api.get(card("work", MONITOR), api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get(card("work", MONITOR) + "/page", api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get(issues(), api.token(OTHER_DUTY)), 404, "not-found");
    assertProblem(api.get(issues(), api.token(RESIDENT)), 404, "not-found");
    assertProblem(api.post(issues(), api.token(OTHER_DUTY), body), 404, "not-found");
    assertProblem(api.post(issues(), api.token(RESIDENT), body), 404, "not-found");
    assertProblem(api.post(issues(), api.token(LEADER), body), 403, "forbidden");
    assertProblem(api.post("/api/v1/points/" + OTHER_POINT + "/card-issues", api.token(MONITOR), body), 404,
        "not-found");
    assertProblem(api.get(card("work", RESIDENT), api.token(DUTY)), 404, "not-found");
    assertProblem(api.get(card("avoidance", MONITOR), api.token(DUTY)), 404, "not-found");
    ok(api.get(card("work", MONITOR), api.token(RESPONSIBLE)));
    ok(api.get(card("work", MONITOR), api.token(ADMIN)));
    assertEquals(0, api.one("SELECT count(*) FROM card_issue WHERE issued_on = '" + today + "'"));
  }

  @Test
  void badInputIsRefusedAndNothingRecorded() throws Exception {
    String day = "2026-01-10";
    long before = api.one("SELECT count(*) FROM card_issue");
    assertProblem(api.post(issues(), api.token(DUTY), issue("work", api.personId(RESIDENT), day).encode()), 400,
        "not-card-holder");
    assertProblem(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(LEADER), day).encode()), 400,
        "not-card-holder");
    assertProblem(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(RESIDENT),
        LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()).encode()), 400, "invalid-date");
    assertProblem(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(RESIDENT), day)
        .put("handed_over_by", api.personId(NEIGHBOUR)).encode()), 400, "invalid-handover");
    assertProblem(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(RESIDENT), day)
        .put("handed_over_by", api.personId(OTHER_DUTY)).encode()), 400, "invalid-handover");
    assertProblem(api.post(issues(), api.token(DUTY), issue("plan", api.personId(RESIDENT), day).encode()), 400,
        "invalid-request");
    assertProblem(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(RESIDENT), "10.01.2026")
        .encode()), 400, "invalid-request");
    assertEquals(before, api.one("SELECT count(*) FROM card_issue"));

    String plans = "/api/v1/points/" + BARE_POINT + "/plans";
    assertProblem(api.post(plans, api.token(DUTY), plan("", "first").encode()), 400, "invalid-request");
    assertProblem(api.post(plans, api.token(DUTY), plan("text\u0000", "first").encode()), 400, "invalid-request");
    assertProblem(api.post(plans, api.token(DUTY), plan("text", "first").put("approved_on",
        LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()).encode()), 400, "invalid-date");
    assertProblem(api.get("/api/v1/points/" + POINT + "/cards/plan/" + api.personId(MONITOR), api.token(DUTY)), 400,
        "invalid-request");
    assertEquals(0, api.one("SELECT count(*) FROM point_plan_version WHERE point_code = '" + BARE_POINT + "'"));
  }

  @Test
  void aPersonDeletedLeavesNoNameOrPhoneInTheCardsAsPrinted() throws Exception {
    String leaving = "13900000053";
    person("Leaving Monitor", leaving, "monitor", POINT);
    long id = api.personId(leaving);
    ok(api.post(issues(), api.token(DUTY), issue("work", id, "2026-04-02").encode()));
    ok(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(NEIGHBOUR), "2026-04-02").encode()));
    assertEquals(2, api.one("SELECT count(*) FROM card_issue WHERE card_text LIKE '%" + leaving + "%'"),
        "their own work card and the neighbour's avoidance card (which lists the point's monitors) name them");
    ok(api.delete("/api/v1/admin/people/" + id, api.token(ADMIN)));
    assertEquals(0, api.one("SELECT count(*) FROM card_issue WHERE card_text LIKE '%" + leaving + "%'"
        + " OR card_text LIKE '%Leaving Monitor%'"));
    assertEquals(2, api.one("SELECT count(*) FROM card_issue WHERE card_text LIKE '%（已删除）%'"));

    String officer = "13900000054";
    api.sql("INSERT INTO person (name, phone) VALUES ('Leaving Officer', '" + officer + "')");
    api.sql("INSERT INTO person_role (person_id, role, county) SELECT id, 'duty_officer', 'Test County' FROM person"
        + " WHERE phone = '" + officer + "'");
    ok(api.post(issues(), api.token(DUTY), issue("avoidance", api.personId(NEIGHBOUR), "2026-04-03").encode()));
    assertEquals(1, api.one("SELECT count(*) FROM card_issue WHERE card_text LIKE '%" + officer + "%'"));
    ok(api.delete("/api/v1/admin/people/" + api.personId(officer), api.token(ADMIN)));
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '" + officer + "'"), "nothing refers to them");
    assertEquals(0, api.one("SELECT count(*) FROM card_issue WHERE card_text LIKE '%" + officer + "%'"),
        "a person deleted outright leaves the others' cards too");
  }

  private static String card(String kind, String phone) throws Exception {
    return "/api/v1/points/" + POINT + "/cards/" + kind + "/" + api.personId(phone);
  }

  private static String issues() {
    return "/api/v1/points/" + POINT + "/card-issues";
  }

  private static JsonObject issue(String kind, long person, String day) {
    return new JsonObject().put("kind", kind).put("person_id", person).put("issued_on", day);
  }

  private static JsonObject plan(String text, String changes) {
    return new JsonObject().put("text", text).put("changes", changes);
  }

  /** A person with one role at a point, who signs in with the harness's password. */
  private static void person(String name, String phone, String role, String point) throws Exception {
    api.sql("INSERT INTO person (name, phone, password_hash) SELECT '" + name + "', '" + phone + "', password_hash"
        + " FROM person WHERE phone = '" + RESIDENT + "'");
    api.sql("INSERT INTO person_role (person_id, role, point_code) SELECT id, '" + role + "', '" + point + "'"
        + " FROM person WHERE phone = '" + phone + "'");
  }
}
