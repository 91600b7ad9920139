package org.geohazard.api.annual;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The year-end report of Test County for 2025 through real HTTP and a real database: every figure equals the rows it
 * links to, the PDF's pages render (checked as images) with the text, links and map, the Word document is well formed,
 * and only the county's duty room reads it. The PDF and its pages as images are left in target/annual-report. Needs a font with Chinese glyphs (CI installs fonts-wqy-microhei).
 */
@Timeout(180)
class AnnualReportTest {
  private static final String REPORT = "/api/v1/reports/annual?year=2025&county=Test%20County";
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(ReportFont.find(null).isPresent(), ReportFont.missing());
    api = ApiHarness.start();
    long admin = api.personId(ADMIN);
    long resident = api.personId(RESIDENT);
    api.sql("UPDATE hazard_point SET township = '东乡', people = 120 WHERE code = '" + POINT + "'");
    api.sql("INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, township, people)"
        + " VALUES ('510100000501', '北沟', 'debris_flow', 30.62, 104.12, 'Test County', '西乡', 80),"
        + " ('510100000502', '老崖', 'rockfall', 30.64, 104.08, 'Test County', '西乡', 30)");
    // two warnings of 2025 (one reached red), one of 2024, one drill
    alert(POINT, "yellow", "2025-07-10T02:00:00+08:00", false);
    long red = alert(POINT, "yellow", "2025-08-02T23:00:00+08:00", false);
    api.sql("INSERT INTO alert_event (alert_id, type, level, at) VALUES (" + red + ", 'level_up', 'red',"
        + " '2025-08-03T01:00:00+08:00')");
    alert("510100000501", "blue", "2024-12-31T23:30:00+08:00", false);
    alert("510100000501", "orange", "2025-03-01T10:00:00+08:00", true);
    api.sql("INSERT INTO check_in (alert_id, person_id, status, at) VALUES (" + red + ", " + resident
        + ", 'evacuated', '2025-08-03T01:30:00+08:00')");
    api.sql("INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, state, sent_at) VALUES (" + red + ", "
        + resident + ", 'push', 'notify', '{}', 'sent', '2025-08-02T23:00:05+08:00'), (" + red + ", " + resident
        + ", 'push', 'reminder', '{}', 'failed', null)");
    // rain at the point's gauge: 30 mm in July, 55 mm in August
    long gauge = api.one("SELECT id FROM sensor WHERE channel = 'rainfall'");
    api.sql("INSERT INTO reading (sensor_id, ts, value, received_at) VALUES (" + gauge
        + ", '2025-07-09T20:00:00+08:00', 30, now()), (" + gauge + ", '2025-08-02T20:00:00+08:00', 50, now()), ("
        + gauge + ", '2025-08-02T21:00:00+08:00', 5, now())");
    api.sql("INSERT INTO disaster_event (county, township, kind, point_code, place, occurred_at, deaths, missing,"
        + " injured, people_warned_safe, direct_loss_yuan, created_by) VALUES ('Test County', '东乡', 'landslide', '"
        + POINT + "', '东乡后山', '2025-08-03T03:00:00+08:00', 0, 0, 0, 46, 1200000, " + admin + "),"
        + " ('Test County', '西乡', 'collapse', NULL, '西乡公路边坡', '2025-06-20T15:00:00+08:00', 1, 0, 2, 0, 300000, "
        + admin + ")");
    api.sql("INSERT INTO outreach_session (county, kind, title, place, held_on, attendance, created_by) VALUES"
        + " ('Test County', 'training', '监测员培训', '县局', '2025-04-10', 35, " + admin + "),"
        + " ('Test County', 'outreach', '避险宣传', '东乡', '2025-05-12', 210, " + admin + ")");
    api.sql("INSERT INTO survey_campaign (county, kind, title, starts_on, ends_on, created_by) VALUES"
        + " ('Test County', 'pre_flood', '汛前排查', '2025-04-01', '2025-04-30', " + admin + ")");
    long campaign = api.one("SELECT max(id) FROM survey_campaign");
    api.sql("INSERT INTO campaign_target (campaign_id, point_code) VALUES (" + campaign + ", '" + POINT + "'), ("
        + campaign + ", '510100000501'), (" + campaign + ", '510100000502')");
    api.sql("INSERT INTO campaign_inspection (target_id, person_id, inspected_at, findings, danger_found) SELECT id, "
        + admin + ", '2025-04-12T10:00:00+08:00', '裂缝无变化', false FROM campaign_target WHERE campaign_id = "
        + campaign + " AND point_code IN ('" + POINT + "', '510100000501')");
    api.sql("INSERT INTO treatment_project (point_code, name, stage, accepted_on, created_by) VALUES ('510100000502',"
        + " '挡墙', 'accepted', '2025-10-20', " + admin + ")");
    api.sql("INSERT INTO point_strike_off (point_code, reason, evidence, struck_off_on, recorded_by) VALUES"
        + " ('510100000502', 'treated', '验收报告', '2025-11-02', " + admin + ")");
    api.sql("UPDATE hazard_point SET status = 'delisted' WHERE code = '510100000502'");
    api.sql("INSERT INTO card_issue (kind, point_code, person_id, card_text, issued_on, handed_over_by, recorded_by)"
        + " VALUES ('avoidance', '" + POINT + "', " + resident + ", '避险明白卡', '2025-05-06', " + admin + ", " + admin
        + "), ('avoidance', '" + POINT + "', " + resident + ", '避险明白卡', '2024-05-06', " + admin + ", " + admin + ")");
    api.sql("INSERT INTO point_plan_version (point_code, version, plan_text, changes, approved_on, created_by) VALUES"
        + " ('" + POINT + "', 1, '预案', '编制', '2025-03-15', " + admin + ")");
    api.sql("INSERT INTO hazard_assessment_query (person_id, asked_at, county, project, query, points_found) VALUES ("
        + admin + ", '2025-09-01T09:00:00+08:00', 'Test County', '县道改建', '{}', 1)");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void everyFigureIsTheRowsItLinksTo() throws Exception {
    JsonObject report = ok(api.get(REPORT + "&format=json", api.token(LEADER)));
    Map<String, Long> values = new HashMap<>();
    for (Object item : report.getJsonArray("figures")) {
      JsonObject figure = (JsonObject) item;
      values.put(figure.getString("key"), figure.getLong("value"));
      String rows = figure.getString("rows");
      JsonObject traced = ok(api.get(rows.substring(rows.indexOf("/api/v1/")), api.token(LEADER)));
      long counted = traced.getBoolean("summed") ? sum(traced) : traced.getJsonArray("rows").size();
      assertEquals(figure.getLong("value"), counted, figure.getString("key") + " counts its rows");
    }
    assertEquals(2, values.get("points_listed"), "the struck-off point is no longer listed");
    assertEquals(200, values.get("people_threatened"));
    assertEquals(2, values.get("warnings"), "2025's, not 2024's nor the drill");
    assertEquals(1, values.get("warnings_red"));
    assertEquals(1, values.get("warnings_yellow"));
    assertEquals(1, values.get("warning_messages"), "the push sent, not the one that failed");
    assertEquals(1, values.get("people_evacuated"));
    assertEquals(2, values.get("surveyed_pre_flood"));
    assertEquals(2, values.get("disasters"));
    assertEquals(1, values.get("disasters_at_planned_points"));
    assertEquals(0, values.get("casualties_at_planned_points"));
    assertEquals(1, values.get("deaths_and_missing"));
    assertEquals(46, values.get("people_warned_safe"));
    assertEquals(1_500_000, values.get("direct_loss_yuan"));
    assertEquals(1, values.get("treatments_accepted"));
    assertEquals(1, values.get("points_struck_off"));
    assertEquals(35, values.get("training_attendance"));
    assertEquals(210, values.get("outreach_attendance"));
    assertEquals(1, values.get("assessment_queries"));
    assertEquals(1, values.get("avoidance_cards_issued"), "2025's hand-over, not 2024's");
    assertEquals(0, values.get("work_cards_issued"));
    assertEquals(1, values.get("plan_versions"));
    JsonArray months = report.getJsonArray("months");
    assertEquals(1, months.getJsonObject(6).getLong("warnings"));
    assertEquals(30.0, months.getJsonObject(6).getDouble("rainfall_mm"));
    assertEquals(55.0, months.getJsonObject(7).getDouble("rainfall_mm"));
    JsonObject west = report.getJsonArray("townships").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("township").equals("西乡")).findFirst().orElseThrow();
    assertEquals(1, west.getLong("points_listed"));
    assertEquals(1, west.getLong("points_surveyed"));
    assertEquals(1, west.getLong("disasters"));
    JsonObject coverage = report.getJsonArray("survey_coverage").getJsonObject(0);
    assertEquals(3, coverage.getLong("targets"));
    assertEquals(2, coverage.getLong("done"));
  }

  @Test
  void thePdfRendersWithItsFiguresLinksAndMap() throws Exception {
    HttpResponse<byte[]> response = bytes(REPORT, DUTY);
    assertEquals(200, response.statusCode());
    assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElseThrow());
    try (PDDocument pdf = Loader.loadPDF(response.body())) {
      assertTrue(pdf.getNumberOfPages() >= 3, "text, charts, map: " + pdf.getNumberOfPages() + " pages");
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\R", "");
      assertTrue(text.contains("Test County 2025年度地质灾害防治工作情况"), text);
      assertTrue(text.contains("发布地质灾害预警2次（红色1次、橙色0次、黄色1次、蓝色0次）"), text);
      assertTrue(text.contains("在册隐患点实现“零伤亡”"), text);
      int links = 0;
      for (PDPage page : pdf.getPages()) {
        for (PDAnnotation annotation : page.getAnnotations()) {
          if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri
              && uri.getURI().contains("/api/v1/reports/annual/rows?year=2025&county=Test+County&figure=")) {
            links++;
          }
        }
      }
      assertEquals(ReportFigures.ALL.size(), links, "one link per figure");
      PDFRenderer renderer = new PDFRenderer(pdf);
      Path pages = Files.createDirectories(Path.of("target", "annual-report"));
      Files.write(pages.resolve("report.pdf"), response.body());
      for (int i = 0; i < pdf.getNumberOfPages(); i++) {
        BufferedImage page = renderer.renderImageWithDPI(i, 40);
        assertTrue(inked(page, 0x000000, 160) > 500, "page " + (i + 1) + " shows text");
        ImageIO.write(renderer.renderImageWithDPI(i, 80), "png", pages.resolve("page-" + (i + 1) + ".png").toFile());
      }
      BufferedImage map = renderer.renderImageWithDPI(pdf.getNumberOfPages() - 1, 60);
      assertTrue(inked(map, 0xD7261E, 60) > 20, "the map shows the point that reached red in red");
    }
  }

  @Test
  void theWordDocumentCarriesTheSameReport() throws Exception {
    HttpResponse<byte[]> response = bytes(REPORT + "&format=docx", ADMIN);
    assertEquals(200, response.statusCode());
    Map<String, byte[]> parts = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        parts.put(entry.getName(), zip.readAllBytes());
      }
    }
    for (String part : new String[] {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
        "word/_rels/document.xml.rels"}) {
      DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(parts.get(part)));
    }
    String document = new String(parts.get("word/document.xml"), StandardCharsets.UTF_8);
    assertTrue(document.contains("Test County 2025年度地质灾害防治工作情况"));
    assertTrue(document.contains("在册隐患点实现“零伤亡”"));
    String rels = new String(parts.get("word/_rels/document.xml.rels"), StandardCharsets.UTF_8);
    assertEquals(ReportFigures.ALL.size(), rels.split("TargetMode=\"External\"", -1).length - 1);
    assertEquals(3, parts.keySet().stream().filter(p -> p.startsWith("word/media/")).count());
  }

  @Test
  void onlyTheCountysDutyRoomReadsIt() throws Exception {
    for (String phone : new String[] {OTHER_DUTY, MONITOR, RESIDENT}) {
      assertProblem(api.get(REPORT + "&format=json", api.token(phone)), 403, "forbidden");
      assertProblem(api.get("/api/v1/reports/annual/rows?year=2025&county=Test%20County&figure=warnings",
          api.token(phone)), 403, "forbidden");
    }
    assertEquals(403, bytes(REPORT, OTHER_DUTY).statusCode());
    assertProblem(api.get("/api/v1/reports/annual/rows?year=2025&county=Test%20County&figure=nothing",
        api.token(LEADER)), 400, "unknown-figure");
    assertProblem(api.get("/api/v1/reports/annual?county=Test%20County", api.token(LEADER)), 400, "invalid-request");
    JsonObject other = ok(api.get("/api/v1/reports/annual?format=json&year=2025&county="
        + URLEncoder.encode("Other County", StandardCharsets.UTF_8), api.token(OTHER_DUTY)));
    assertEquals(0, other.getJsonArray("figures").getJsonObject(0).getLong("value") - 1, "its one point");
  }

  private static long alert(String point, String level, String at, boolean drill) throws Exception {
    api.sql("INSERT INTO alert (point_code, source, kind, level, title, drill, raised_at, closed_at) VALUES ('" + point
        + "', 'rule:" + at + "', 'warning', '" + level + "', '预警', " + drill + ", '" + at + "', '" + at + "')");
    long id = api.one("SELECT max(id) FROM alert");
    api.sql("INSERT INTO alert_event (alert_id, type, level, at) VALUES (" + id + ", 'raised', '" + level + "', '"
        + at + "')");
    return id;
  }

  private static long sum(JsonObject traced) {
    int amount = traced.getJsonArray("columns").getList().indexOf("amount");
    long sum = 0;
    for (Object row : traced.getJsonArray("rows")) {
      sum += ((JsonArray) row).getLong(amount);
    }
    return sum;
  }

  private static HttpResponse<byte[]> bytes(String path, String phone) throws Exception {
    return HttpClient.newHttpClient().send(api.request(path, api.token(phone)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Pixels within {@code tolerance} of the colour on each channel. */
  private static int inked(BufferedImage image, int rgb, int tolerance) {
    int count = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) <= tolerance
            && Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) <= tolerance
            && Math.abs((p & 0xFF) - (rgb & 0xFF)) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
