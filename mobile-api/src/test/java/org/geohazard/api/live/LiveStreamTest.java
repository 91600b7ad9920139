package org.geohazard.api.live;

import static org.geohazard.api.testing.ApiHarness.DUTY;
import static org.geohazard.api.testing.ApiHarness.MONITOR;
import static org.geohazard.api.testing.ApiHarness.OTHER_DUTY;
import static org.geohazard.api.testing.ApiHarness.OTHER_POINT;
import static org.geohazard.api.testing.ApiHarness.POINT;
import static org.geohazard.api.testing.ApiHarness.RESIDENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.time.Duration;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.api.testing.ApiHarness;
import org.geohazard.api.testing.SseClient;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live stream through real HTTP, fed by PostgreSQL LISTEN/NOTIFY: what another process commits (here: another
 * connection pool, as a gateway would be) reaches the duty apps of the points it concerns, and nobody else.
 */
@Timeout(120)
class LiveStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(700);

  private static ApiHarness api;
  private static Vertx gatewayVertx;
  private static Database gateway;
  private static final AlertActions ACTIONS = new AlertActions(DeliveryConfig.DEFAULTS);

  @BeforeAll
  static void start() throws Exception {
    api = ApiHarness.start();
    gatewayVertx = Vertx.vertx();
    gateway = Database.open(gatewayVertx, TestDatabases.config(api.database().dataSource()
        .unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl(), "postgres", "postgres",
        org.geohazard.storage.TimescaleMode.AUTO));
    awaitListening();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    gatewayVertx.close().await();
    api.close();
  }

  @Test
  void anAlertRaisedElsewhereReachesTheDutyAppsOfItsCountyOnly() throws Exception {
    try (SseClient duty = SseClient.connect(api, api.token(DUTY), null);
        SseClient monitor = SseClient.connect(api, api.token(MONITOR), null);
        SseClient other = SseClient.connect(api, api.token(OTHER_DUTY), null)) {
      assertEquals(200, duty.status());
      assertTrue(duty.contentType().startsWith("text/event-stream"), duty.contentType());
      Thread.sleep(300);

      long alert = raise(POINT, "Cracks widening at the test slope");

      SseClient.Event event = duty.next(WAIT);
      assertNotNull(event, "the duty officer got no event");
      assertEquals("alert", event.name());
      assertEquals(alert, event.data().getLong("alert_id"));
      assertEquals("raised", event.data().getString("event"));
      assertEquals("orange", event.data().getString("level"));
      assertEquals(String.valueOf(event.data().getLong("event_id")), event.id());
      assertEquals(alert, monitor.next(WAIT).data().getLong("alert_id"));
      assertNull(other.next(QUIET), "the other county's duty officer saw Test County's alert");

      long elsewhere = raise(OTHER_POINT, "Rockfall at the other slope");
      assertEquals(elsewhere, other.next(WAIT).data().getLong("alert_id"));
      assertNull(duty.next(QUIET), "the duty officer saw the other county's alert");
    }
  }

  @Test
  void aClientThatReconnectsGetsTheAlertEventsItMissed() throws Exception {
    long lastSeen;
    try (SseClient duty = SseClient.connect(api, api.token(DUTY), null)) {
      Thread.sleep(300);
      raise(POINT, "First");
      lastSeen = Long.parseLong(duty.next(WAIT).id());
    }
    long missed = raise(POINT, "Raised while the app was away");
    try (Connection c = gateway.dataSource().getConnection()) {
      ACTIONS.answer(c, missed, api.personId(DUTY));
    }

    try (SseClient duty = SseClient.connect(api, api.token(DUTY), String.valueOf(lastSeen))) {
      SseClient.Event raised = duty.next(WAIT);
      SseClient.Event answered = duty.next(WAIT);
      assertEquals(missed, raised.data().getLong("alert_id"));
      assertEquals("raised", raised.data().getString("event"));
      assertEquals("answered", answered.data().getString("event"));
      assertTrue(Long.parseLong(answered.id()) > Long.parseLong(raised.id()));
    }
  }

  @Test
  void aDeviceGoingOfflineIsAnEvent() throws Exception {
    try (SseClient duty = SseClient.connect(api, api.token(DUTY), null)) {
      Thread.sleep(300);
      try (Connection c = gateway.dataSource().getConnection(); var s = c.createStatement()) {
        s.execute("INSERT INTO device_state (device_id, online) VALUES ('RG-T1', true)"
            + " ON CONFLICT (device_id) DO UPDATE SET online = true");
        s.execute("UPDATE device_state SET online = false WHERE device_id = 'RG-T1'");
        s.execute("UPDATE device_state SET battery_v = 3.1 WHERE device_id = 'RG-T1'");
      }
      SseClient.Event online = duty.next(WAIT);
      SseClient.Event offline = duty.next(WAIT);
      assertEquals("device", online.name());
      assertEquals("RG-T1", offline.data().getString("device"));
      assertEquals(false, offline.data().getBoolean("online"));
      assertNull(offline.id());
      assertNull(duty.next(QUIET), "a battery update without a change of state is not an event");
    }
  }

  @Test
  void residentsAndAnonymousCallersGetNoStream() throws Exception {
    try (SseClient resident = SseClient.connect(api, api.token(RESIDENT), null);
        SseClient anonymous = SseClient.connect(api, null, null)) {
      assertEquals(403, resident.status());
      assertEquals(401, anonymous.status());
    }
  }

  private static long raise(String point, String title) throws Exception {
    try (Connection c = gateway.dataSource().getConnection()) {
      return ACTIONS.raiseManual(c, point, WarningLevel.ORANGE, title, "seen from the road", api.personId(DUTY));
    }
  }

  private static void awaitListening() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!api.live().listening() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(api.live().listening(), "the API node does not listen for live events");
    assertEquals(1, api.one("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'geohazard live events'"
        + " AND datname = current_database()"), "the listener holds a connection of its own, not one of the pool");
  }
}
