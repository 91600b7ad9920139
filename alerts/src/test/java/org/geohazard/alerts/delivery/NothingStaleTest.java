package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.geohazard.alerts.config.SmsConfig;
import org.geohazard.alerts.testing.FakeFcmServer;
import org.geohazard.domain.WarningLevel;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing stale after the all-clear: an alert's undelivered older messages to a person are superseded when it changes
 * level or ends, a newer one never overtakes one in flight, and a message's time to live counts from when it was
 * written; past it, the message is recorded as expired, not sent.
 */
@Timeout(120)
class NothingStaleTest {
  private static final JsonObject POINT = new JsonObject().put("name", "Test slope");

  private Vertx vertx;
  private Database database;
  private FakeFcmServer fcm;
  private OutboxDispatcher dispatcher;
  private long alertId;
  private long resident;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    fcm = new FakeFcmServer();
    FcmPushChannel push = new FcmPushChannel(database.dataSource(), fcm.client(), false);
    dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("push", push), Duration.ofMinutes(1),
        Duration.ofMillis(100), 1);
    sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
        + " ('510100000001', 'warning', 'warning', 'red', 'Test slope: RED warning')");
    sql("INSERT INTO person (name, phone) VALUES ('Resident', '13900000009')");
    alertId = count(database, "SELECT max(id) FROM alert");
    resident = count(database, "SELECT id FROM person WHERE phone = '13900000009'");
    sql("INSERT INTO push_token (person_id, token, platform) VALUES (" + resident + ", 'ok-resident', 'android')");
  }

  @AfterEach
  void stop() {
    fcm.close();
    database.close();
    vertx.close().await();
  }

  @Test
  void anEvacuationCallHeldUpByAnFcmOutageIsNotDeliveredAfterTheAllClear() throws Exception {
    evacuationCallHeldUpByAnOutage(429);
  }

  @Test
  void anEvacuationCallHeldUpByUnavailableFcmIsNotDeliveredAfterTheAllClear() throws Exception {
    evacuationCallHeldUpByAnOutage(503); // the FCM client retries 503 itself before the dispatcher does
  }

  private void evacuationCallHeldUpByAnOutage(int status) throws Exception {
    fcm.outage(status);
    write(WarningLevel.RED, "raised", "notify");
    dispatcher.dispatchOnce();
    assertEquals(List.of("pending"), states(), "429: tried again after Retry-After");

    write(WarningLevel.RED, "ended", "all_clear");
    fcm.outage(0);
    sql("UPDATE outbox SET next_attempt_at = now()");
    for (int i = 0; i < 3; i++) {
      dispatcher.dispatchOnce();
    }

    assertEquals(List.of("ended"), delivered());
    assertEquals(List.of("superseded", "sent"), states());
  }

  @Test
  void aNewerMessageWaitsForAnOlderOneInFlightAndTheOlderOneIsNotTriedAgain() throws Exception {
    write(WarningLevel.RED, "raised", "notify");
    UUID inFlight = UUID.randomUUID();
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(1, OutboxRepository.lease(c, List.of("push"), 10, Duration.ofMinutes(1), inFlight).size());
    }
    write(WarningLevel.RED, "ended", "all_clear");

    assertEquals(0, dispatcher.dispatchOnce(), "the all-clear never overtakes the red still on its way");

    // the red's send ends in a rate limit: it is not tried again, the all-clear goes out
    try (Connection c = database.dataSource().getConnection()) {
      long red = count(database, "SELECT min(id) FROM outbox");
      OutboxRepository.record(c, Map.of(red, Outcome.retry(Duration.ZERO, "QUOTA_EXCEEDED", null)), inFlight);
    }
    for (int i = 0; i < 3; i++) {
      dispatcher.dispatchOnce();
    }

    assertEquals(List.of("ended"), delivered());
    assertEquals(List.of("superseded", "sent"), states());
  }

  @Test
  void aLevelDownSupersedesTheUndeliveredHigherLevelButNotMessagesOfTheSameChange() throws Exception {
    fcm.outage(true);
    write(WarningLevel.RED, "raised", "notify");
    dispatcher.dispatchOnce();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      OutboxWriter outbox = new OutboxWriter(c);
      outbox.toPeople(alertId, List.of(resident), "push", "notify",
          Messages.warning(alertId, "510100000001", POINT, WarningLevel.YELLOW, "level_down", false), false);
      outbox.toPeople(alertId, List.of(resident), "push", "notify", new JsonObject().put("title", "Stay away")
          .put("body", "Do not go home yet.").put("alert_id", alertId).put("point", "510100000001")
          .put("level", "yellow").put("event", "level_down"), false);
      outbox.flush();
      c.commit();
    }

    assertEquals(List.of("superseded", "pending", "pending"), states());
  }

  @Test
  void aPushPastItsTimeToLiveIsRecordedAsExpiredNotSent() throws Exception {
    write(WarningLevel.RED, "raised", "notify");
    sql("UPDATE outbox SET created_at = now() - INTERVAL '61 minutes'");

    dispatcher.dispatchOnce();

    assertEquals(List.of("expired"), states());
    assertEquals(0, fcm.count());
  }

  @Test
  void timeToLiveAndApnsExpiryCountFromWhenTheMessageWasWritten() throws Exception {
    write(WarningLevel.RED, "raised", "notify");
    sql("UPDATE outbox SET created_at = now() - INTERVAL '30 minutes'");
    Instant written = Instant.ofEpochSecond(count(database, "SELECT extract(epoch FROM created_at)::bigint FROM outbox"));

    dispatcher.dispatchOnce();

    JsonObject sent = fcm.delivered().get(0).message();
    long ttl = Long.parseLong(sent.getJsonObject("android").getString("ttl").replace("s", ""));
    assertTrue(ttl <= 1800 && ttl > 1700, "an hour from when it was written: " + ttl);
    long expiration = Long.parseLong(sent.getJsonObject("apns").getJsonObject("headers").getString("apns-expiration"));
    assertTrue(Math.abs(expiration - written.plusSeconds(3600).getEpochSecond()) <= 1, "APNs expiry: " + expiration);
  }

  @Test
  void anSmsPastItsTimeToLiveIsRecordedAsExpiredNotSent() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/send", exchange -> {
      posts.incrementAndGet();
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    gateway.start();
    try {
      SmsChannel sms = new SmsChannel(database.dataSource(), new SmsConfig("http://127.0.0.1:"
          + gateway.getAddress().getPort() + "/send", "", "application/json", "{\"to\": \"${phone}\"}",
          Duration.ofSeconds(5)));
      JsonObject red = Messages.warning(alertId, "510100000001", POINT, WarningLevel.RED, "raised", false);
      OutboxRow stale = new OutboxRow(1, alertId, resident, null, "sms", "notify", red, false, 3,
          Instant.now().minus(Duration.ofMinutes(61)));
      OutboxRow fresh = new OutboxRow(2, alertId, resident, null, "sms", "notify", red, false, 1,
          Instant.now().minus(Duration.ofMinutes(59)));

      Map<Long, Outcome> outcomes = sms.send(List.of(stale, fresh));

      assertEquals(Outcome.Kind.EXPIRED, outcomes.get(1L).kind());
      assertEquals(Outcome.Kind.SENT, outcomes.get(2L).kind());
      assertEquals(1, posts.get());
    } finally {
      gateway.stop(0);
    }
  }

  private void write(WarningLevel level, String event, String purpose) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      OutboxWriter outbox = new OutboxWriter(c);
      outbox.toPeople(alertId, List.of(resident), "push", purpose,
          Messages.warning(alertId, "510100000001", POINT, level, event, false), false);
      outbox.flush();
    }
  }

  private List<String> delivered() {
    return fcm.delivered().stream().map(r -> r.message().getJsonObject("data").getString("event")).toList();
  }

  private List<String> states() throws Exception {
    return DatabaseFixture.column(database, "SELECT state FROM outbox ORDER BY id");
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
