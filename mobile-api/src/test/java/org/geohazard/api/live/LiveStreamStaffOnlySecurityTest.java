package org.geohazard.api.live;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.api.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Device events and device-health alerts reach the staff of their point only. A monitor who also lives at another
 * point (a resident there) watches the devices of the point they monitor, never those of the point they live at.
 */
@Timeout(120)
class LiveStreamStaffOnlySecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Monitor of the test point, resident of the other county's point. */
  private static final String MONITOR_LIVING_ELSEWHERE = "13800000070";

  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    api.sql("INSERT INTO device (id, point_code) VALUES ('RG-O1', '" + OTHER_POINT + "')");
    api.sql("INSERT INTO person (name, phone, password_hash) SELECT 'Monitor living elsewhere', '"
        + MONITOR_LIVING_ELSEWHERE + "', password_hash FROM person WHERE phone = '" + DUTY + "'");
    api.sql("INSERT INTO person_role (person_id, role, county, point_code) SELECT id, 'monitor', '', '" + POINT
        + "' FROM person WHERE phone = '" + MONITOR_LIVING_ELSEWHERE + "'");
    api.sql("INSERT INTO person_role (person_id, role, county, point_code) SELECT id, 'resident', '', '"
        + OTHER_POINT + "' FROM person WHERE phone = '" + MONITOR_LIVING_ELSEWHERE + "'");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!api.live().listening() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aMonitorSeesTheDevicesOfTheirPointButNotThoseOfThePointTheyLiveAt() throws Exception {
    try (SseClient monitor = SseClient.connect(api, api.token(MONITOR_LIVING_ELSEWHERE), null)) {
      assertEquals(200, monitor.status());
      Thread.sleep(300);
      // first the point they live at: its device goes offline and a device-health alert is raised there
      api.sql("INSERT INTO device_state (device_id, online) VALUES ('RG-O1', false)");
      deviceAlert(OTHER_POINT, "Gauge offline at the other slope");
      // then the point they monitor
      api.sql("INSERT INTO device_state (device_id, online) VALUES ('RG-T1', false)"
          + " ON CONFLICT (device_id) DO UPDATE SET online = NOT device_state.online");

      SseClient.Event first = monitor.next(WAIT);
      assertNotNull(first, "the monitor got no event of the point they monitor");
      assertEquals("device", first.name(), "the first event the monitor got: " + first);
      assertEquals(POINT, first.data().getString("point"), "the monitor saw another point's device: " + first);
    }
  }

  @Test
  void aReconnectingMonitorIsNotReplayedThePointTheyLiveAt() throws Exception {
    long other = deviceAlert(OTHER_POINT, "Battery low at the other slope");
    long own = deviceAlert(POINT, "Battery low at the test slope");
    try (SseClient monitor = SseClient.connect(api, api.token(MONITOR_LIVING_ELSEWHERE), "0")) {
      SseClient.Event event;
      boolean sawOwn = false;
      while ((event = monitor.next(Duration.ofSeconds(2))) != null) {
        assertTrue(!String.valueOf(other).equals(String.valueOf(event.data().getLong("alert_id"))),
            "the monitor was replayed a device alert of the point they live at: " + event);
        assertEquals(POINT, event.data().getString("point"), "replayed: " + event);
        sawOwn |= own == event.data().getLong("alert_id", -1L);
      }
      assertTrue(sawOwn, "the monitor was not replayed the device alert of their own point");
    }
  }

  @Test
  void aResidentGetsNoStream() throws Exception {
    try (SseClient resident = SseClient.connect(api, api.token(RESIDENT), null)) {
      assertEquals(403, resident.status());
    }
  }

  private static long deviceAlert(String point, String title) throws Exception {
    long id = api.one("INSERT INTO alert (point_code, source, kind, title) VALUES ('" + point + "', 'health:"
        + title.hashCode() + "', 'device', '" + title + "') RETURNING id");
    api.sql("INSERT INTO alert_event (alert_id, type) VALUES (" + id + ", 'raised')");
    return id;
  }
}
