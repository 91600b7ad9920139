package org.geohazard.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.geohazard.gateway.testing.ApiClient;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.TestBrokers;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The demo as it starts on its own database: the demo registry, then the county's previous year of example activity,
 * loaded once. The year-end report of Qingshan County for that year, asked through the node's API as the demo leader,
 * has every section filled, every figure equals the rows it links to, and its PDF renders; the report (JSON, PDF,
 * Word) and its pages as PNG are left in target/demo-annual-report for a person to read. Needs a font with Chinese
 * glyphs (CI installs fonts-wqy-microhei).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoAnnualReportTest {
  private static final int YEAR = LocalDate.now(ZoneOffset.ofHours(8)).getYear() - 1;
  private static final String REPORT = "/api/v1/reports/annual?year=" + YEAR + "&county=Qingshan%20County";
  /** Figures the demo's activity gives a value above zero. */
  private static final List<String> FILLED = List.of("points_listed", "people_threatened", "surveyed_pre_flood",
      "surveyed_in_season", "surveyed_post_flood", "surveyed_after_storm", "rechecked_struck_off", "houses_inspected",
      "patrols", "work_cards_issued", "avoidance_cards_issued", "plan_versions", "warnings", "warnings_red", "warnings_orange", "warnings_yellow", "warnings_blue", "warning_messages",
      "danger_reports_handled", "people_evacuated", "drills", "disasters", "disasters_at_planned_points",
      "people_warned_safe", "direct_loss_yuan", "treatments_accepted", "points_struck_off", "training_sessions",
      "training_attendance", "outreach_sessions", "outreach_attendance", "assessment_queries");
  /** Where the report is left for a person to read. */
  private static final Path OUT = Path.of("target", "demo-annual-report");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DatabaseConfig database;
  private static GatewayRunner gateway;
  private static ApiClient api;
  private static String leader;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabases.freshDatabase();
    gateway = GatewayRunner.start(demo());
    api = new ApiClient("http://127.0.0.1:" + gateway.httpPort());
    leader = api.login("13800000102", "demo-leader");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** The demo on a named database: its registry, the simulator with quiet slopes, no registry file. */
  private static Map<String, String> demo() throws Exception {
    Map<String, String> env = GatewayRunner.environment(database.url(), TestBrokers.hivemq(), "demoyear/v1",
        Path.of("unused"));
    env.remove("GEOHAZARD_REGISTRY_FILE");
    env.put("GEOHAZARD_DEMO", "true");
    env.put("GEOHAZARD_SIMULATOR_ENABLED", "true");
    env.put("GEOHAZARD_SIMULATOR_SCENARIO", "none");
    env.put("GEOHAZARD_SIMULATOR_INTERVAL_S", "3600");
    return env;
  }

  @Test
  void everySectionIsFilledAndEveryFigureIsTheRowsItLinksTo() throws Exception {
    JsonObject report = api.json("GET", REPORT + "&format=json", leader);
    Files.writeString(Files.createDirectories(OUT).resolve("annual-report-" + YEAR + ".json"), report.encodePrettily());
    Map<String, Long> values = new HashMap<>();
    for (Object item : report.getJsonArray("figures")) {
      JsonObject figure = (JsonObject) item;
      String key = figure.getString("key");
      values.put(key, figure.getLong("value"));
      String rows = figure.getString("rows");
      JsonObject traced = api.json("GET", rows.substring(rows.indexOf("/api/v1/")), leader);
      assertEquals(false, traced.getBoolean("truncated"), key);
      long counted = traced.getBoolean("summed") ? sum(traced) : traced.getJsonArray("rows").size();
      assertEquals(figure.getLong("value"), counted, key + " counts its rows");
    }
    for (String key : FILLED) {
      assertTrue(values.get(key) > 0, key + " has the demo's activity: " + values);
    }
    assertEquals(6, values.get("points_listed"), "seven points, one struck off");
    assertEquals(0, values.get("casualties_at_planned_points"), "zero casualties at the registered points");
    assertEquals(1, values.get("points_struck_off"));
    assertEquals(1, values.get("rechecked_struck_off"));
    assertEquals(1, values.get("warnings_red"));
    long rainyMonths = report.getJsonArray("months").stream()
        .filter(m -> ((JsonObject) m).getDouble("rainfall_mm") > 0).count();
    assertEquals(12, rainyMonths, "rain every month: " + report.getJsonArray("months"));
    assertTrue(report.getJsonArray("survey_coverage").size() == 4, report.getJsonArray("survey_coverage").encode());
  }

  @Test
  void thePdfAndTheWordDocumentRender() throws Exception {
    Path out = Files.createDirectories(OUT);
    HttpResponse<byte[]> pdfResponse = bytes(REPORT + "&format=pdf");
    assertEquals(200, pdfResponse.statusCode());
    Files.write(out.resolve("annual-report-" + YEAR + ".pdf"), pdfResponse.body());
    try (PDDocument pdf = Loader.loadPDF(pdfResponse.body())) {
      assertTrue(pdf.getNumberOfPages() >= 3, pdf.getNumberOfPages() + " pages");
      PDFRenderer renderer = new PDFRenderer(pdf);
      for (int i = 0; i < pdf.getNumberOfPages(); i++) {
        BufferedImage page = renderer.renderImageWithDPI(i, 100);
        assertTrue(inked(page) > 2_000, "page " + (i + 1) + " shows something");
        ImageIO.write(page, "png", out.resolve("page-" + (i + 1) + ".png").toFile());
      }
    }
    HttpResponse<byte[]> docx = bytes(REPORT + "&format=docx");
    assertEquals(200, docx.statusCode());
    Files.write(out.resolve("annual-report-" + YEAR + ".docx"), docx.body());
    int parts = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx.body()))) {
      while (zip.getNextEntry() != null) {
        parts++;
      }
    }
    assertTrue(parts >= 5, parts + " parts in the Word document");
  }

  /** Last: it restarts the node. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aRestartDoesNotLoadTheYearAgain() throws Exception {
    Sql sql = new Sql(database.url());
    long alerts = sql.count("SELECT count(*) FROM alert");
    long readings = sql.count("SELECT count(*) FROM reading WHERE ts < date_trunc('year', now())");
    gateway.close();
    gateway = null;
    gateway = GatewayRunner.start(demo());
    assertEquals(alerts, sql.count("SELECT count(*) FROM alert"));
    assertEquals(readings, sql.count("SELECT count(*) FROM reading WHERE ts < date_trunc('year', now())"));
    assertEquals(1, sql.count("SELECT count(*) FROM registry_seed WHERE source = 'demo activity'"));
  }

  private static long sum(JsonObject traced) {
    int amount = traced.getJsonArray("columns").getList().indexOf("amount");
    long sum = 0;
    for (Object row : traced.getJsonArray("rows")) {
      sum += ((JsonArray) row).getLong(amount);
    }
    return sum;
  }

  private static HttpResponse<byte[]> bytes(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + leader).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Pixels darker than light grey. */
  private static int inked(BufferedImage image) {
    int count = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int p = image.getRGB(x, y);
        if (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF) < 3 * 160) {
          count++;
        }
      }
    }
    return count;
  }
}
