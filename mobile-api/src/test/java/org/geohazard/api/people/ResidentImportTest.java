package org.geohazard.api.people;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Residents imported from CSV: good rows are stored with their zones and points; bad rows are reported. */
@Timeout(120)
class ResidentImportTest {
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static HttpResponse<String> upload(String phone, String type, byte[] body) throws Exception {
    return api.send(api.request("/api/v1/admin/residents/import", api.token(phone)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<String> upload(String csv) throws Exception {
    return upload(ADMIN, "text/csv; charset=utf-8", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void goodRowsAreUpsertedWithTheirZonesAndPointsAndBadRowsAreReported() throws Exception {
    String csv = """
        name,phone,lat,lon,point
        Zhang Wei,13900000201,30.6010,104.1,
        "O'Neil; DROP TABLE person; --",13900000202,26.5,106.7,%s
        Resident Renamed,%s,30.6,104.1,
        Bad Phone,12ab,30.6,104.1,
        Out Of Range,13900000203,95,104.1,
        Unknown Point,13900000204,30.6,104.1,NOWHERE
        Twice,13900000201,30.6,104.1,
        Short Row,13900000205
        """.formatted(OTHER_POINT, RESIDENT);
    HttpResponse<String> response = upload(csv);
    assertEquals(200, response.statusCode(), response.body());
    JsonObject report = new JsonObject(response.body());
    assertEquals(2, report.getInteger("created"));
    assertEquals(1, report.getInteger("updated"));
    assertEquals(5, report.getInteger("rejected"));
    JsonArray rows = report.getJsonArray("rows");
    assertEquals(new JsonArray().add(POINT), rows.getJsonObject(0).getJsonArray("points"));
    assertEquals(2, rows.getJsonObject(0).getInteger("line"));
    assertEquals(new JsonArray().add(OTHER_POINT), rows.getJsonObject(1).getJsonArray("points"));
    assertEquals("updated", rows.getJsonObject(2).getString("outcome"));
    for (int i = 3; i < 8; i++) {
      assertEquals("rejected", rows.getJsonObject(i).getString("outcome"), rows.encode());
      assertEquals(i + 2, rows.getJsonObject(i).getInteger("line"));
    }
    assertTrue(rows.getJsonObject(5).getString("reason").contains("NOWHERE"));
    assertTrue(rows.getJsonObject(6).getString("reason").contains("line 2"));

    assertEquals(1, api.one("SELECT count(*) FROM person p JOIN person_role r ON r.person_id = p.id"
        + " WHERE p.phone = '13900000201' AND r.point_code = '" + POINT + "' AND r.origin = 'zone'"));
    assertEquals(1, api.one("SELECT count(*) FROM person p JOIN person_role r ON r.person_id = p.id"
        + " WHERE p.name = 'O''Neil; DROP TABLE person; --' AND r.point_code = '" + OTHER_POINT + "'"
        + " AND r.origin = 'assigned'"));
    assertEquals(1, api.one("SELECT count(*) FROM person WHERE phone = '" + RESIDENT
        + "' AND name = 'Resident Renamed' AND home_latitude = 30.6"));
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone IN ('13900000203', '13900000204',"
        + " '13900000205')"));
    JsonObject listed = new JsonObject(api.get("/api/v1/admin/people?q=13900000202", api.token(ADMIN)).body());
    assertEquals("O'Neil; DROP TABLE person; --", listed.getJsonArray("items").getJsonObject(0).getString("name"));
  }

  @Test
  void aBrokenFileIsRefusedAsAWhole() throws Exception {
    assertProblem(upload("name,phone,latitude,lon\nA,13900000301,30,104\n"), 400, "invalid-csv");
    assertProblem(upload("name,phone,lat,lon,owner\nA,13900000301,30,104,x\n"), 400, "invalid-csv");
    assertProblem(upload("name,phone,lat,lon\n\"A,13900000301,30,104\n"), 400, "invalid-csv");
    assertProblem(upload(ADMIN, "text/csv", new byte[] {'n', 'a', 'm', 'e', (byte) 0xC3, (byte) 0x28}), 400,
        "invalid-csv");
    assertProblem(upload(ADMIN, "application/json", "{}".getBytes()), 415, "unsupported-media-type");
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '13900000301'"));
  }

  @Test
  void tooManyRowsOrBytesAreTooLarge() throws Exception {
    assertProblem(upload("name,phone,lat,lon\n" + ",,,\n".repeat(10_001)), 413, "payload-too-large");
    assertProblem(upload("name,phone,lat,lon\n" + ("A,13900000401,30,104\n").repeat(4_000)), 413,
        "payload-too-large");
  }

  @Test
  void onlyAdministratorsImport() throws Exception {
    byte[] csv = "name,phone,lat,lon\nIntruder,13900000501,30.6,104.1\n".getBytes();
    assertProblem(upload(DUTY, "text/csv", csv), 403, "forbidden");
    assertProblem(upload(RESIDENT, "text/csv", csv), 403, "forbidden");
    assertEquals(0, api.one("SELECT count(*) FROM person WHERE phone = '13900000501'"));
  }
}
