package org.geohazard.api.exports;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The export for the provincial system through real HTTP and a real database: each dataset's CSV read back by a strict
 * RFC 4180 reader with the documented header and the records stored (text with a comma, quotes and a line break, a
 * Chinese county), the same rows as JSON, the year (China Standard Time), month and county filters, who may export
 * which county, the bound on a file's rows, and the columns of docs/export.md.
 */
@Timeout(180)
class ExportTest {
  private static final String EXPORTS = "/api/v1/exports/";
  private static final String QINGSHAN = "青山县";
  private static final String QINGSHAN_POINT = "530100000001";
  private static final String QINGSHAN_DUTY = "13800000071";
  private static final String DELISTED = "510100000002";
  private static final String TRICKY = "Slope \"A\", upper\nterrace";
  private static final String TRICKY_CN = "滑坡体 \"前缘\", 裂缝\r\n第二行";
  private static ApiHarness api;
  private static long warning;
  private static long manual;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    long admin = api.personId(ADMIN);
    insert("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, township, village,"
        + " households, people, risk_level) VALUES (?, ?, 'landslide', 25.1, 102.7, ?, '青山镇', '上村', 8, 31, 'high')",
        QINGSHAN_POINT, TRICKY_CN, QINGSHAN);
    insert("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, status, property_at_risk)"
        + " VALUES (?, ?, 'rockfall', 30.61, 104.11, 'Test County', 'delisted', 'road, school')", DELISTED, TRICKY);
    api.sql("INSERT INTO device (id, point_code, siren) VALUES ('SR-2', '" + DELISTED + "', true)");
    api.sql("INSERT INTO point_strike_off (point_code, reason, evidence, struck_off_on, recorded_by) VALUES ('"
        + DELISTED + "', 'misjudged', 'first survey', '2025-01-05', " + admin + "), ('" + DELISTED + "', 'treated',"
        + " 'acceptance report', '2026-01-05', " + admin + ")");
    api.sql("INSERT INTO person (name, phone, password_hash) SELECT '陈静', '" + QINGSHAN_DUTY + "', password_hash"
        + " FROM person WHERE phone = '" + DUTY + "'");
    api.sql("INSERT INTO person_role (person_id, role, county) SELECT id, 'duty_officer', '" + QINGSHAN + "'"
        + " FROM person WHERE phone = '" + QINGSHAN_DUTY + "'");
    recordEvents();
    recordPatrols();
    recordWarnings();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void pointsAreTheRegisterAsItStandsDelistedPointsIncluded() throws Exception {
    Csv csv = csv("points?county=Test%20County", DUTY);
    assertTrue(csv.disposition().matches("attachment; filename=points-Test_County-\\d{4}-\\d{2}-\\d{2}\\.csv;"
        + " filename\\*=UTF-8''points-Test%20County-\\d{4}-\\d{2}-\\d{2}\\.csv"), csv.disposition());
    assertEquals(List.of(POINT, DELISTED), csv.column("code"));
    Map<String, String> point = csv.rows().get(0);
    assertEquals("Test slope", point.get("name"));
    assertEquals("Hill Town", point.get("township"));
    assertEquals("Upper Village", point.get("village"));
    assertEquals("30.6", point.get("latitude"));
    assertEquals("12", point.get("households"));
    assertEquals("40", point.get("people"));
    assertEquals("active", point.get("status"));
    assertEquals("2", point.get("devices"));
    assertEquals("0", point.get("sirens"));
    assertEquals("", point.get("struck_off_on"));
    assertTrue(point.get("updated_at").endsWith("+08:00"), point.get("updated_at"));
    Map<String, String> delisted = csv.rows().get(1);
    assertEquals(TRICKY, delisted.get("name"), "quotes, a comma and a line break come back as stored");
    assertEquals("road, school", delisted.get("property_at_risk"));
    assertEquals("delisted", delisted.get("status"));
    assertEquals("0", delisted.get("devices"));
    assertEquals("1", delisted.get("sirens"));
    assertEquals("2026-01-05", delisted.get("struck_off_on"), "the latest strike-off");
    assertEquals("treated", delisted.get("strike_off_reason"));
  }

  private static void recordEvents() throws Exception {
    long admin = api.personId(ADMIN);
    insert("INSERT INTO disaster_event (county, township, kind, point_code, place, latitude, longitude, occurred_at,"
        + " volume_m3, deaths, injured, direct_loss_yuan, people_warned_safe, investigated_on, notes, created_by)"
        + " VALUES (?, '青山镇', 'landslide', ?, '村道上方', 25.1, 102.7, '2025-07-10 03:00+08', 12000.5, 1, 2,"
        + " 1200000, 35, '2025-07-20', ?, ?)", QINGSHAN, QINGSHAN_POINT, TRICKY_CN, admin);
    event(QINGSHAN, "2024-12-31 16:30Z", admin);    // 00:30 on 1 January 2025 in China
    event(QINGSHAN, "2024-12-31 15:30Z", admin);    // still 2024 in China
    event("Test County", "2025-03-01 10:00+08", admin);
  }

  @Test
  void disasterEventsOfAChineseCountyCountByTheYearInChinaStandardTime() throws Exception {
    Csv csv = csv("disaster-events?county=" + encode(QINGSHAN) + "&year=2025", ADMIN);
    assertEquals("attachment; filename=disaster-events-___-2025.csv; filename*=UTF-8''disaster-events-"
        + "%E9%9D%92%E5%B1%B1%E5%8E%BF-2025.csv", csv.disposition());
    assertEquals(List.of("2025-01-01T00:30:00+08:00", "2025-07-10T03:00:00+08:00"), csv.column("occurred_at"));
    Map<String, String> slide = csv.rows().get(1);
    assertEquals(QINGSHAN, slide.get("county"));
    assertEquals("青山镇", slide.get("township"));
    assertEquals(QINGSHAN_POINT, slide.get("point_code"));
    assertEquals("25.1", slide.get("latitude"));
    assertEquals("12000.5", slide.get("volume_m3"));
    assertEquals("1", slide.get("deaths"));
    assertEquals("0", slide.get("missing"));
    assertEquals("1200000", slide.get("direct_loss_yuan"));
    assertEquals("35", slide.get("people_warned_safe"));
    assertEquals("2025-07-20", slide.get("investigated_on"));
    assertEquals(TRICKY_CN, slide.get("notes"), "a CRLF inside a quoted field is kept");
    assertEquals("", slide.get("alert_id"));
    assertEquals("", slide.get("funds_yuan"));
    assertEquals(List.of("2024-12-31T23:30:00+08:00"),
        csv("disaster-events?county=" + encode(QINGSHAN) + "&year=2024", QINGSHAN_DUTY).column("occurred_at"));
  }

  private static void recordPatrols() throws Exception {
    long monitor = api.personId(MONITOR);
    insert("INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal, latitude, longitude,"
        + " created_at) VALUES (?, ?, '2025-07-05 08:00+08', ?, true, 30.6001, 104.1002, '2025-07-05 08:03+08')",
        POINT, monitor, TRICKY);
    api.sql("INSERT INTO ledger_photo (patrol_id, content_type, size_bytes, data, uploaded_by) SELECT max(id),"
        + " 'image/png', 4, '\\x89504e47', " + monitor + " FROM patrol");
    patrol(POINT, "2025-07-31 16:10Z", monitor);    // 00:10 on 1 August in China
    patrol(POINT, "2024-12-31 23:59+08", monitor);
    patrol(OTHER_POINT, "2025-05-01 09:00+08", api.personId(ADMIN));
  }

  @Test
  void patrolsOfTheYearOrOfAMonthAtTheCountysPoints() throws Exception {
    Csv year = csv("patrols?year=2025", DUTY);
    assertEquals(List.of("2025-07-05T08:00:00+08:00", "2025-08-01T00:10:00+08:00"), year.column("patrolled_at"));
    Map<String, String> crack = year.rows().get(0);
    assertEquals(POINT, crack.get("point_code"));
    assertEquals("Test slope", crack.get("point_name"));
    assertEquals("Test County", crack.get("county"));
    assertEquals("Monitor", crack.get("patrolled_by"));
    assertEquals(TRICKY, crack.get("findings"));
    assertEquals("true", crack.get("abnormal"));
    assertEquals("30.6001", crack.get("latitude"));
    assertEquals("104.1002", crack.get("longitude"));
    assertEquals("1", crack.get("photos"));
    assertEquals("2025-07-05T08:03:00+08:00", crack.get("recorded_at"));
    Map<String, String> quiet = year.rows().get(1);
    assertEquals("false", quiet.get("abnormal"));
    assertEquals("", quiet.get("latitude"), "no location: empty");

    Csv july = csv("patrols?year=2025&month=7", LEADER);
    assertEquals(List.of("2025-07-05T08:00:00+08:00"), july.column("patrolled_at"));
    assertTrue(july.disposition().contains("filename=patrols-Test_County-2025-07.csv;"), july.disposition());
    assertEquals(List.of(OTHER_POINT), csv("patrols?year=2025", OTHER_DUTY).column("point_code"));
  }

  private static void recordWarnings() throws Exception {
    long duty = api.personId(DUTY);
    long leader = api.personId(LEADER);
    warning = alert(POINT, "warning", "orange", false, "2025-06-01 10:00+08", "2025-06-01 14:00+08");
    alertEvent(warning, "raised", "blue", null, "2025-06-01 10:00+08");
    alertEvent(warning, "answered", "blue", duty, "2025-06-01 10:05+08");
    alertEvent(warning, "level_up", "red", null, "2025-06-01 11:00+08");
    alertEvent(warning, "answered", "red", leader, "2025-06-01 11:10+08");
    alertEvent(warning, "level_down", "orange", null, "2025-06-01 12:00+08");
    alertEvent(warning, "resolved", "orange", duty, "2025-06-01 14:00+08");
    api.sql("INSERT INTO person (name, phone) VALUES ('Villager A', '13900000081'), ('Villager B', '13900000082')");
    api.sql("INSERT INTO check_in (alert_id, person_id, status) SELECT " + warning + ", id, CASE phone WHEN '"
        + RESIDENT + "' THEN 'evacuated' WHEN '13900000081' THEN 'evacuated' ELSE 'safe' END FROM person"
        + " WHERE phone IN ('" + RESIDENT + "', '13900000081', '13900000082')");
    manual = alert(POINT, "manual", "yellow", false, "2025-09-01 09:00+08", null);
    alertEvent(manual, "raised", "yellow", duty, "2025-09-01 09:00+08");
    alert(POINT, "manual", "red", true, "2025-06-02 09:00+08", "2025-06-02 10:00+08");
    alert(POINT, "device", null, false, "2025-06-03 09:00+08", "2025-06-03 10:00+08");
    alert(POINT, "warning", "blue", false, "2024-12-31 23:00+08", "2025-01-01 01:00+08");
    alert(OTHER_POINT, "warning", "blue", false, "2025-07-01 09:00+08", "2025-07-01 10:00+08");
  }

  @Test
  void warningsWithTheirHighestLevelFirstAnswerAndEndDrillsAndDeviceAlertsLeftOut() throws Exception {
    Csv csv = csv("warnings?year=2025&county=Test%20County", LEADER);
    assertEquals(List.of(String.valueOf(warning), String.valueOf(manual)), csv.column("alert_id"),
        "the county's warnings and manual alerts of 2025; no drill, no device alert, not 2024's");
    Map<String, String> w = csv.rows().get(0);
    assertEquals(Map.ofEntries(Map.entry("alert_id", String.valueOf(warning)), Map.entry("point_code", POINT),
        Map.entry("county", "Test County"), Map.entry("kind", "warning"), Map.entry("title", "warning"),
        Map.entry("highest_level", "red"), Map.entry("raised_at", "2025-06-01T10:00:00+08:00"),
        Map.entry("answered_at", "2025-06-01T10:05:00+08:00"), Map.entry("answered_by", "Duty Officer"),
        Map.entry("ended_at", "2025-06-01T14:00:00+08:00"), Map.entry("ended_as", "resolved"),
        Map.entry("evacuated", "2"), Map.entry("checked_in_safe", "1")), w);
    Map<String, String> m = csv.rows().get(1);
    assertEquals("yellow", m.get("highest_level"));
    assertEquals("", m.get("answered_at"));
    assertEquals("", m.get("ended_at"));
    assertEquals("", m.get("ended_as"));
    assertEquals("0", m.get("evacuated"));
  }

  @Test
  void jsonHoldsTheRowsOfTheCsv() throws Exception {
    for (Dataset dataset : Datasets.all()) {
      String query = dataset.name() + (dataset.yearly() ? "?year=2025" : "?county=Test%20County");
      Csv csv = csv(query, ADMIN);
      HttpResponse<String> response = api.get(EXPORTS + query + "&format=json", api.token(ADMIN));
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(response.headers().firstValue("Content-Disposition").orElseThrow().contains(".json;"));
      JsonObject json = new JsonObject(response.body());
      assertEquals(dataset.name(), json.getString("dataset"));
      assertEquals(dataset.yearly() ? 2025 : null, json.getInteger("year"));
      assertTrue(json.getString("generated_at").endsWith("+08:00"));
      assertEquals(csv.header(), json.getJsonArray("columns").getList());
      JsonArray rows = json.getJsonArray("rows");
      assertEquals(csv.rows().size(), rows.size(), dataset.name());
      assertTrue(rows.size() > 0, dataset.name() + " has rows to compare");
      for (int i = 0; i < rows.size(); i++) {
        JsonArray row = rows.getJsonArray(i);
        for (int j = 0; j < csv.header().size(); j++) {
          ColumnType type = dataset.columns().get(j).type();
          assertSameValue(type, row.getValue(j), csv.rows().get(i).get(csv.header().get(j)),
              dataset.name() + " row " + i + " " + csv.header().get(j));
        }
      }
    }
  }

  @Test
  void docsListTheColumnsEachFileGives() throws Exception {
    Map<String, List<String>> documented = documentedColumns();
    assertEquals(new TreeSet<>(Datasets.all().stream().map(Dataset::name).toList()), documented.keySet());
    for (Dataset dataset : Datasets.all()) {
      List<String> inCode = dataset.columns().stream().map(c -> c.name() + " " + c.type().documented()).toList();
      assertEquals(documented.get(dataset.name()), inCode, "docs/export.md, " + dataset.name());
      String query = dataset.name() + (dataset.yearly() ? "?year=2025" : "");
      assertEquals(dataset.columnNames(), csv(query, ADMIN).header());
    }
  }

  @Test
  void countiesAreExportedByTheirDutyRoomsAndAdministratorsOnly() throws Exception {
    for (String phone : List.of(MONITOR, RESPONSIBLE, RESIDENT)) {
      assertProblem(api.get(EXPORTS + "points", api.token(phone)), 403, "forbidden");
    }
    assertProblem(api.get(EXPORTS + "points?county=Other%20County", api.token(DUTY)), 403, "forbidden");
    assertProblem(api.get(EXPORTS + "warnings?year=2025&county=" + encode(QINGSHAN), api.token(LEADER)), 403,
        "forbidden");
    assertEquals(Set.of("Test County"), Set.copyOf(csv("points", DUTY).column("county")));
    assertEquals(Set.of("Test County"), Set.copyOf(csv("points", LEADER).column("county")));
    assertEquals(List.of(OTHER_POINT), csv("points", OTHER_DUTY).column("code"));
    Csv own = csv("points", QINGSHAN_DUTY);
    assertEquals(List.of(QINGSHAN_POINT), own.column("code"));
    assertTrue(own.disposition().contains("filename*=UTF-8''points-%E9%9D%92%E5%B1%B1%E5%8E%BF-"),
        "a duty officer's own county names the file");
    Csv all = csv("points", ADMIN);
    assertEquals(Set.of("Test County", "Other County", QINGSHAN), Set.copyOf(all.column("county")));
    assertTrue(all.disposition().startsWith("attachment; filename=points-all-"), all.disposition());
    assertEquals(401, api.get(EXPORTS + "points", null).statusCode());
  }

  @Test
  void recordsNeedAYearAndTheRegisterTakesNone() throws Exception {
    String admin = api.token(ADMIN);
    for (String dataset : List.of("disaster-events", "patrols", "warnings")) {
      assertProblem(api.get(EXPORTS + dataset, admin), 400, "year-required");
      assertProblem(api.get(EXPORTS + dataset + "?month=7", admin), 400, "year-required");
    }
    assertProblem(api.get(EXPORTS + "points?year=2025", admin), 400, "invalid-request");
    assertProblem(api.get(EXPORTS + "houses?year=2025", admin), 400, "invalid-request");
    assertProblem(api.get(EXPORTS + "patrols?year=2025&month=13", admin), 400, "invalid-request");
    assertProblem(api.get(EXPORTS + "patrols?year=2025&format=xlsx", admin), 400, "invalid-request");
  }

  @Test
  void moreRowsThanAFileHoldsAreRefusedNotCutShort() throws Exception {
    api.sql("INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal) SELECT '" + POINT + "', "
        + api.personId(MONITOR) + ", timestamptz '2019-01-01 00:00+08' + i * interval '5 minutes', 'routine', false"
        + " FROM generate_series(0, " + ExportQuery.MAX_ROWS + ") i");
    assertProblem(api.get(EXPORTS + "patrols?year=2019", api.token(ADMIN)), 400, "export-too-large");
    long march = api.one("SELECT count(*) FROM patrol WHERE patrolled_at >= '2019-03-01 00:00+08'"
        + " AND patrolled_at < '2019-04-01 00:00+08'");
    assertEquals(march, csv("patrols?year=2019&month=3", ADMIN).rows().size());
  }

  /** A CSV export: its header, its rows by column name, its Content-Disposition. */
  record Csv(List<String> header, List<Map<String, String>> rows, String disposition) {
    List<String> column(String name) {
      assertTrue(header.contains(name), name);
      return rows.stream().map(row -> row.get(name)).toList();
    }
  }

  private static Csv csv(String query, String phone) throws Exception {
    HttpResponse<String> response = api.get(EXPORTS + query, api.token(phone));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("text/csv; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().startsWith("\uFEFF"), "a byte order mark first");
    List<List<String>> records = Rfc4180Reader.read(response.body());
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      assertEquals(header.size(), record.size(), "one field per column");
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), record.get(i));
      }
      rows.add(row);
    }
    return new Csv(header, rows, response.headers().firstValue("Content-Disposition").orElseThrow());
  }

  /** The JSON value is the CSV field's, of the column's type. */
  private static void assertSameValue(ColumnType type, Object json, String field, String where) {
    if (json == null) {
      assertEquals("", field, where);
      return;
    }
    switch (type) {
      case INTEGER, NUMBER -> {
        assertTrue(json instanceof Number, where);
        assertEquals(0, new BigDecimal(json.toString()).compareTo(new BigDecimal(field)), where);
      }
      case BOOLEAN -> assertEquals(field, ((Boolean) json).toString(), where);
      default -> assertEquals(field, (String) json, where);
    }
  }

  /** Per dataset ("## points"), its table's rows as "column type". */
  private static Map<String, List<String>> documentedColumns() throws Exception {
    Path docs = Path.of("..", "docs", "export.md");
    Map<String, List<String>> columns = new java.util.TreeMap<>();
    String section = null;
    for (String line : Files.readAllLines(Files.exists(docs) ? docs : Path.of("docs", "export.md"))) {
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
      } else if (section != null && line.startsWith("| ") && !line.startsWith("| column ")) {
        String[] cells = line.split("\\|");
        columns.computeIfAbsent(section, k -> new ArrayList<>()).add(cells[1].strip() + " " + cells[2].strip());
      }
    }
    return columns;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void insert(String sql, Object... values) throws Exception {
    try (Connection c = api.database().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }

  private static void event(String county, String at, long by) throws Exception {
    api.sql("INSERT INTO disaster_event (county, kind, place, occurred_at, created_by) VALUES ('" + county
        + "', 'collapse', 'cut slope', '" + at + "', " + by + ")");
  }

  private static void patrol(String point, String at, long by) throws Exception {
    api.sql("INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal) VALUES ('" + point + "', "
        + by + ", '" + at + "', 'quiet', false)");
  }

  private static long alert(String point, String kind, String level, boolean drill, String raised, String closed)
      throws Exception {
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, drill, raised_at, closed_at) VALUES ('"
        + point + "', '" + kind + ":" + raised + "', '" + kind + "', " + (level == null ? "NULL" : "'" + level + "'")
        + ", '" + kind + "', " + drill + ", '" + raised + "', " + (closed == null ? "NULL" : "'" + closed + "'")
        + ")");
    return api.one("SELECT max(id) FROM alert");
  }

  private static void alertEvent(long alert, String type, String level, Long actor, String at) throws Exception {
    api.sql("INSERT INTO alert_event (alert_id, type, level, actor, at) VALUES (" + alert + ", '" + type + "', '"
        + level + "', " + actor + ", '" + at + "')");
  }
}
