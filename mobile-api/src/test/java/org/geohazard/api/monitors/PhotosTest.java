package org.geohazard.api.monitors;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.LEADER;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.PHOTO_LIMIT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Photos of patrols, reports and house inspections: raw image uploads under their own limit, checked, stored and served back. */
@Timeout(120)
class PhotosTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void aPatrolPhotoLargerThanTheJsonLimitComesBackAsSent() throws Exception {
    long patrol = patrol();
    byte[] png = image(PNG, 200 * 1024);

    HttpResponse<String> uploaded = upload("/api/v1/patrols/" + patrol + "/photos", MONITOR, "image/png", png);

    JsonObject photo = ok(uploaded);
    assertEquals(201, uploaded.statusCode());
    assertEquals(png.length, photo.getInteger("size"));
    assertEquals(1, api.one("SELECT count(*) FROM ledger_photo WHERE patrol_id = " + patrol
        + " AND content_type = 'image/png' AND octet_length(data) = " + png.length));
    HttpResponse<byte[]> download = download(photo.getString("href"), DUTY);
    assertEquals(200, download.statusCode());
    assertEquals("image/png", download.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(png, download.body());
    JsonObject listed = ok(api.get("/api/v1/patrols/" + patrol, api.token(DUTY)));
    assertEquals(photo.getLong("id"), listed.getJsonArray("photos").getJsonObject(0).getLong("id"));
  }

  @Test
  void aReportPhotoIsServedAsJpegToTheDutyOfficerButNotToResidentsOrOtherCounties() throws Exception {
    long report = ok(api.post("/api/v1/reports", api.token(MONITOR), new JsonObject().put("point", POINT)
        .put("signs", new io.vertx.core.json.JsonArray().add("bulging")).put("description", "slope bulges")
        .put("suggested_level", "yellow").encode())).getLong("id");
    byte[] jpeg = image(JPEG, 30_000);
    JsonObject photo = ok(upload("/api/v1/reports/" + report + "/photos", MONITOR, "image/jpeg; charset=binary",
        jpeg));

    HttpResponse<byte[]> download = download(photo.getString("href"), DUTY);
    assertEquals("image/jpeg", download.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(jpeg, download.body());
    assertEquals(404, download(photo.getString("href"), RESIDENT).statusCode());
    assertEquals(404, download(photo.getString("href"), OTHER_DUTY).statusCode());
    assertEquals(404, download("/api/v1/reports/" + report + "/photos/999999", DUTY).statusCode());
    assertEquals(404, download("/api/v1/patrols/" + patrol() + "/photos/" + photo.getLong("id"), DUTY).statusCode());
    assertProblem(upload("/api/v1/reports/" + report + "/photos", RESIDENT, "image/jpeg", jpeg), 404, "not-found");
    assertEquals(201, upload("/api/v1/reports/" + report + "/photos", DUTY, "image/jpeg", jpeg).statusCode());
  }

  @Test
  void aPhotoOverItsLimitIsRefusedWith413() throws Exception {
    long patrol = patrol();
    assertProblem(upload("/api/v1/patrols/" + patrol + "/photos", MONITOR, "image/png", image(PNG, PHOTO_LIMIT + 1)),
        413, "payload-too-large");
    assertEquals(0, api.one("SELECT count(*) FROM ledger_photo WHERE patrol_id = " + patrol));
  }

  @Test
  void aTextFileSentAsAnImageIsRefused() throws Exception {
    String path = "/api/v1/patrols/" + patrol() + "/photos";
    byte[] text = "this is not a photo, just a note\n".getBytes(StandardCharsets.UTF_8);

    assertProblem(upload(path, MONITOR, "image/jpeg", text), 400, "invalid-photo");
    assertProblem(upload(path, MONITOR, "image/jpeg", image(PNG, 1000)), 400, "invalid-photo");
    assertProblem(upload(path, MONITOR, "image/png", new byte[0]), 400, "invalid-photo");
    assertProblem(upload(path, MONITOR, "text/plain", text), 415, "unsupported-media-type");
    assertProblem(upload(path, MONITOR, "image/gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII)), 415,
        "unsupported-media-type");
    assertEquals(0, api.one("SELECT count(*) FROM ledger_photo WHERE patrol_id = " + path.split("/")[4]));
  }

  @Test
  void aPatrolCarriesAtMostFourPhotosAndOnlyItsRecordersAddThem() throws Exception {
    long patrol = patrol();
    String path = "/api/v1/patrols/" + patrol + "/photos";
    assertProblem(upload(path, DUTY, "image/jpeg", image(JPEG, 500)), 403, "forbidden");
    assertProblem(upload(path, OTHER_DUTY, "image/jpeg", image(JPEG, 500)), 404, "not-found");
    for (int i = 0; i < 4; i++) {
      assertEquals(201, upload(path, MONITOR, "image/jpeg", image(JPEG, 500)).statusCode());
    }
    assertProblem(upload(path, MONITOR, "image/jpeg", image(JPEG, 500)), 409, "too-many-photos");
    assertEquals(4, api.one("SELECT count(*) FROM ledger_photo WHERE patrol_id = " + patrol));
    assertProblem(upload("/api/v1/patrols/999999/photos", MONITOR, "image/jpeg", image(JPEG, 500)), 404,
        "not-found");
  }

  @Test
  void aHouseInspectionCarriesItsPhotosForThoseWhoSeeTheHouse() throws Exception {
    api.sql("INSERT INTO at_risk_house (county, kind, owner_name, latitude, longitude, risk_grade, point_code,"
        + " created_by) VALUES ('Test County', 'cut_slope', 'Li', 30.6, 104.1, 'high', '" + POINT + "', "
        + api.personId(DUTY) + ")");
    long house = api.one("SELECT max(id) FROM at_risk_house");
    long inspection = ok(api.post("/api/v1/houses/" + house + "/inspections", api.token(MONITOR),
        "{\"findings\": \"crack in the back wall\", \"danger_found\": true}")).getLong("id");
    byte[] jpeg = image(JPEG, 30 * 1024);
    String photos = "/api/v1/house-inspections/" + inspection + "/photos";
    JsonObject photo = ok(upload(photos, MONITOR, "image/jpeg", jpeg));
    assertEquals(photos + "/" + photo.getLong("id"), photo.getString("href"));
    HttpResponse<byte[]> download = download(photo.getString("href"), DUTY);
    assertEquals(200, download.statusCode());
    assertArrayEquals(jpeg, download.body());
    JsonObject listed = ok(api.get("/api/v1/houses/" + house + "/inspections", api.token(LEADER)))
        .getJsonArray("items").getJsonObject(0);
    assertEquals(photo.getLong("id"), listed.getJsonArray("photos").getJsonObject(0).getLong("id"));
    assertEquals(404, download(photo.getString("href"), OTHER_DUTY).statusCode());
    assertEquals(404, download(photo.getString("href"), RESIDENT).statusCode());
    assertEquals(403, upload(photos, LEADER, "image/jpeg", jpeg).statusCode(), "leaders read houses, not inspect");
    assertEquals(404, upload(photos, OTHER_DUTY, "image/jpeg", jpeg).statusCode());
    assertEquals(1, api.one("SELECT count(*) FROM ledger_photo WHERE house_inspection_id = " + inspection));
  }

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};

  /** Bytes that start like an image of the type and go on at random. */
  private static byte[] image(byte[] magic, int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  private static long patrol() throws Exception {
    return ok(api.post("/api/v1/patrols", api.token(MONITOR), new JsonObject().put("point", POINT)
        .put("findings", "photographed the crack").put("abnormal", true).encode())).getLong("id");
  }

  private static HttpResponse<String> upload(String path, String phone, String type, byte[] body) throws Exception {
    return api.send(api.request(path, api.token(phone)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<byte[]> download(String path, String phone) throws Exception {
    return HTTP.send(api.request(path, api.token(phone)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
