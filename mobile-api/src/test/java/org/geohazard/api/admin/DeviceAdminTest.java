package org.geohazard.api.admin;

import static org.geohazard.api.testing.ApiHarness.ADMIN;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.assertProblem;
import static org.geohazard.api.testing.ApiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.geohazard.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Administrators register devices and their channels through the API, validated as the registry file is. */
@Timeout(120)
class DeviceAdminTest {
  private static ApiHarness api;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    admin = api.token(ADMIN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anAdministratorRegistersADeviceWithItsChannels() throws Exception {
    HttpResponse<String> created = api.post("/api/v1/admin/devices", admin, new JsonObject()
        .put("id", "GP-NEW-1").put("point", POINT).put("model", "GNSS station").put("interval_s", 300)
        .put("channels", new JsonArray()
            .add(new JsonObject().put("key", "gnss_east"))
            .add(new JsonObject().put("key", "up").put("metric", "gnss_up").put("unit", "mm")
                .put("range", new JsonObject().put("min", -500).put("max", 500))))
        .encode());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("/api/v1/admin/devices/GP-NEW-1", created.headers().firstValue("Location").orElse(""));
    JsonObject device = new JsonObject(created.body());
    assertEquals(POINT, device.getString("point"));
    assertEquals(300, device.getInteger("interval_s"));
    assertEquals(2, device.getJsonArray("channels").size());

    assertEquals(1, api.one("SELECT count(*) FROM device WHERE id = 'GP-NEW-1' AND point_code = '" + POINT
        + "' AND model = 'GNSS station' AND sample_interval_s = 300 AND NOT siren"));
    assertEquals(1, api.one("SELECT count(*) FROM sensor WHERE device_id = 'GP-NEW-1' AND channel = 'gnss_east'"
        + " AND metric = 'gnss_east' AND unit = 'mm' AND valid_min = -100000 AND valid_max = 100000"));
    assertEquals(1, api.one("SELECT count(*) FROM sensor WHERE device_id = 'GP-NEW-1' AND channel = 'up'"
        + " AND metric = 'gnss_up' AND valid_min = -500 AND valid_max = 500"));

    JsonObject fetched = ok(api.get("/api/v1/admin/devices/GP-NEW-1", admin));
    assertEquals(device, fetched);
  }

  @Test
  void aSirenNeedsNoChannelsButAMeasuringDeviceDoes() throws Exception {
    assertEquals(201, api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "SIREN-1")
        .put("point", POINT).put("siren", true).encode()).statusCode());
    assertEquals(1, api.one("SELECT count(*) FROM device WHERE id = 'SIREN-1' AND siren"));
    HttpResponse<String> bare = api.post("/api/v1/admin/devices", admin,
        new JsonObject().put("id", "BARE-1").put("point", POINT).encode());
    assertProblem(bare, 400, "invalid-device");
    assertTrue(new JsonObject(bare.body()).getString("detail").contains("at least one channel"), bare.body());
    assertEquals(0, api.one("SELECT count(*) FROM device WHERE id = 'BARE-1'"));
  }

  @Test
  void aDuplicateIdIsAConflictAndAnUnknownPointIsNotFound() throws Exception {
    HttpResponse<String> duplicate = api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "LF-T1")
        .put("point", OTHER_POINT).put("channels", new JsonArray().add(new JsonObject().put("key", "rainfall")))
        .encode());
    assertProblem(duplicate, 409, "conflict");
    assertEquals(POINT, pointOf("LF-T1"));
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "NOWHERE-1")
        .put("point", "999999").put("siren", true).encode()), 404, "not-found");
    assertEquals(0, api.one("SELECT count(*) FROM device WHERE id = 'NOWHERE-1'"));
  }

  @Test
  void invalidMetricsRangesUnitsAndFieldsAreRefused() throws Exception {
    assertProblem(createWith(new JsonObject().put("key", "crack_width").put("metric", "crack")),
        400, "invalid-request");
    assertProblem(createWith(new JsonObject().put("key", "crack_width")
        .put("range", new JsonObject().put("min", 10).put("max", 10))), 400, "invalid-device");
    assertProblem(createWith(new JsonObject().put("key", "crack_width")
        .put("range", new JsonObject().put("min", 10).put("max", -5))), 400, "invalid-device");
    HttpResponse<String> unit = createWith(new JsonObject().put("key", "water_level").put("unit", "mm"));
    assertProblem(unit, 400, "invalid-device");
    assertTrue(new JsonObject(unit.body()).getString("detail").contains("water_level is measured in m"));
    HttpResponse<String> unknown = createWith(new JsonObject().put("key", "wobble"));
    assertProblem(unknown, 400, "invalid-device");
    assertTrue(new JsonObject(unknown.body()).getString("detail").contains("unknown metric 'wobble'"));
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "X-1").put("point", POINT)
        .put("siren", true).put("colour", "red").encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "has/slash")
        .put("point", POINT).put("siren", true).encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "X-2").put("point", POINT)
        .put("siren", true).put("model", "m".repeat(201)).encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "X-3").put("point", POINT)
        .put("siren", true).put("interval_s", 0).encode()), 400, "invalid-request");
    assertProblem(api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "X-4").put("point", POINT)
        .put("siren", true).put("model", "m".repeat(70_000)).encode()), 413, "payload-too-large");
    assertEquals(0, api.one("SELECT count(*) FROM device WHERE id LIKE 'X-%' OR id = 'BAD-1'"));
  }

  @Test
  void aDeviceIsUpdatedAndMovedWithItsReadings() throws Exception {
    api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "MOVE-1").put("point", POINT)
        .put("channels", new JsonArray().add(new JsonObject().put("key", "tilt_x"))).encode());
    api.sql("INSERT INTO reading SELECT id, now(), 1.5, 0, now() FROM sensor WHERE device_id = 'MOVE-1'");
    JsonObject moved = ok(api.patch("/api/v1/admin/devices/MOVE-1", admin, new JsonObject()
        .put("point", OTHER_POINT).put("model", "inclinometer").put("interval_s", 60).put("siren", true).encode()));
    assertEquals(OTHER_POINT, moved.getString("point"));
    assertEquals(1, api.one("SELECT count(*) FROM device WHERE id = 'MOVE-1' AND point_code = '" + OTHER_POINT
        + "' AND model = 'inclinometer' AND sample_interval_s = 60 AND siren"));
    assertEquals(1, api.one("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.device_id = 'MOVE-1'"));

    JsonObject cleared = ok(api.patch("/api/v1/admin/devices/MOVE-1", admin, "{\"model\": null}"));
    assertNull(cleared.getString("model"));
    assertEquals(60, cleared.getInteger("interval_s"));
    assertProblem(api.patch("/api/v1/admin/devices/MOVE-1", admin, "{}"), 400, "invalid-request");
    assertProblem(api.patch("/api/v1/admin/devices/MOVE-1", admin, new JsonObject().put("point", "999").encode()),
        404, "not-found");
    assertProblem(api.patch("/api/v1/admin/devices/NO-SUCH", admin, new JsonObject().put("siren", true).encode()),
        404, "not-found");
    assertProblem(api.get("/api/v1/admin/devices/NO-SUCH", admin), 404, "not-found");
  }

  @Test
  void aDeviceThatRulesReadCannotBeMovedAway() throws Exception {
    api.sql("INSERT INTO warning_rule (point_code, name, definition) VALUES ('" + POINT + "', 'rain-for-move',"
        + " '{\"name\": \"rain-for-move\", \"kind\": \"threshold\", \"channel\": \"RG-T1/rainfall\","
        + " \"levels\": {\"red\": 50}}')");
    HttpResponse<String> refused = api.patch("/api/v1/admin/devices/RG-T1", admin,
        new JsonObject().put("point", OTHER_POINT).encode());
    assertProblem(refused, 409, "conflict");
    assertTrue(new JsonObject(refused.body()).getString("detail").contains("rain-for-move"));
    assertEquals(POINT, pointOf("RG-T1"));
    api.sql("UPDATE warning_rule SET enabled = false WHERE name = 'rain-for-move'");
    assertEquals(OTHER_POINT, ok(api.patch("/api/v1/admin/devices/RG-T1", admin,
        new JsonObject().put("point", OTHER_POINT).encode())).getString("point"));
    ok(api.patch("/api/v1/admin/devices/RG-T1", admin, new JsonObject().put("point", POINT).encode()));
  }

  @Test
  void channelsAreAddedAndUpdatedByKey() throws Exception {
    api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "CH-1").put("point", POINT)
        .put("channels", new JsonArray().add(new JsonObject().put("key", "rainfall"))).encode());
    HttpResponse<String> added = api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin, "{}");
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("crack_width", new JsonObject(added.body()).getString("metric"));
    int sensor = new JsonObject(added.body()).getInteger("sensor");

    HttpResponse<String> updated = api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin,
        new JsonObject().put("range", new JsonObject().put("min", 0).put("max", 250.5)).encode());
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals(sensor, new JsonObject(updated.body()).getInteger("sensor"));
    assertEquals(1, api.one("SELECT count(*) FROM sensor WHERE id = " + sensor
        + " AND valid_min = 0 AND valid_max = 250.5 AND unit = 'mm'"));

    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin,
        new JsonObject().put("range", new JsonObject().put("min", 5).put("max", 1)).encode()), 400, "invalid-channel");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin,
        new JsonObject().put("metric", "humidity").encode()), 400, "invalid-request");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin,
        new JsonObject().put("metric", "rainfall").put("unit", "m").encode()), 400, "invalid-channel");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/mystery", admin, "{}"), 400, "invalid-channel");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/Bad-Key", admin, "{}"), 400, "invalid-request");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/rainfall", admin, "{\"scale\": 2}"),
        400, "invalid-request");
    assertProblem(api.put("/api/v1/admin/devices/NO-SUCH/channels/rainfall", admin, "{}"), 404, "not-found");

    api.sql("INSERT INTO reading VALUES (" + sensor + ", now(), 3.2, 0, now())");
    assertProblem(api.put("/api/v1/admin/devices/CH-1/channels/crack_width_3", admin,
        new JsonObject().put("metric", "tilt_x").encode()), 409, "conflict");
    assertEquals(1, api.one("SELECT count(*) FROM sensor WHERE id = " + sensor + " AND metric = 'crack_width'"));
  }

  @Test
  void devicesAreListedByPageAndByPoint() throws Exception {
    for (int i = 0; i < 3; i++) {
      api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "PAGE-" + i).put("point", OTHER_POINT)
          .put("siren", true).encode());
    }
    JsonObject first = ok(api.get("/api/v1/admin/devices?point=" + OTHER_POINT + "&limit=2", admin));
    assertEquals(2, first.getJsonArray("items").size());
    JsonObject second = ok(api.get("/api/v1/admin/devices?point=" + OTHER_POINT + "&limit=2&cursor="
        + first.getString("next_cursor"), admin));
    JsonArray rest = second.getJsonArray("items");
    assertTrue(rest.size() >= 1);
    assertTrue(rest.getJsonObject(0).getString("id").compareTo(
        first.getJsonArray("items").getJsonObject(1).getString("id")) > 0);
    JsonObject all = ok(api.get("/api/v1/admin/devices?limit=100", admin));
    assertTrue(all.getJsonArray("items").stream().anyMatch(d -> ((JsonObject) d).getString("id").equals("LF-T1")));
    assertNull(all.getString("next_cursor"));
    JsonObject none = ok(api.get("/api/v1/admin/devices?point=%27%3B%20DROP%20TABLE%20device%3B%20--", admin));
    assertEquals(0, none.getJsonArray("items").size());
    assertTrue(api.one("SELECT count(*) FROM device") > 3);
    assertProblem(api.get("/api/v1/admin/devices?cursor=" + "a".repeat(201), admin), 400, "invalid-request");
    assertProblem(api.get("/api/v1/admin/devices?cursor=not-base64!", admin), 400, "invalid-cursor");
    assertProblem(api.get("/api/v1/admin/devices?limit=101", admin), 400, "invalid-request");
  }

  @Test
  void sqlMetacharactersInAModelAreStoredAsText() throws Exception {
    String model = "Crack meter'); DROP TABLE device; -- \"x\"";
    api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "META-1").put("point", POINT)
        .put("model", model).put("siren", true).encode());
    assertEquals(model, ok(api.get("/api/v1/admin/devices/META-1", admin)).getString("model"));
    assertEquals(1, api.one("SELECT count(*) FROM device WHERE id = 'META-1' AND model = 'Crack meter''); DROP"
        + " TABLE device; -- \"x\"'"));
  }

  private static HttpResponse<String> createWith(JsonObject channel) throws Exception {
    return api.post("/api/v1/admin/devices", admin, new JsonObject().put("id", "BAD-1").put("point", POINT)
        .put("channels", new JsonArray().add(channel)).encode());
  }

  private static String pointOf(String device) throws Exception {
    return new JsonObject(api.get("/api/v1/admin/devices/" + device, admin).body()).getString("point");
  }
}
