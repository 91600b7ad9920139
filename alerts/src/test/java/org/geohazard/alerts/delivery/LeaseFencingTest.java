package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.geohazard.alerts.config.DeliveryConfig;
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
 * An outbox row is sent once per lease and its outcome is never overwritten, against a slow SMS gateway (a local HTTP
 * server that answers after longer than the lease): outcomes are recorded per row under the lease, and the slow
 * channel holds back neither sirens nor app push.
 */
@Timeout(120)
class LeaseFencingTest {
  private static final long GATEWAY_DELAY_MS = 1_500;
  private volatile long gatewayDelayMs = GATEWAY_DELAY_MS;

  private Vertx vertx;
  private Database database;
  private HttpServer gateway;
  private final List<String> texted = new CopyOnWriteArrayList<>();
  private SmsChannel sms;
  private long alertId;
  private final List<Long> villagers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.setExecutor(Executors.newFixedThreadPool(4));
    gateway.createContext("/send", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        Thread.sleep(gatewayDelayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      texted.add(new JsonObject(body).getString("to"));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    gateway.start();
    sms = new SmsChannel(database.dataSource(), new SmsConfig("http://127.0.0.1:" + gateway.getAddress().getPort()
        + "/send", "", "application/json", "{\"to\": \"${phone}\"}", Duration.ofSeconds(5)));
    sql("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
        + " ('510100000001', 'warning', 'warning', 'red', 'Test slope: RED warning')");
    alertId = count(database, "SELECT max(id) FROM alert");
    for (int i = 1; i <= 3; i++) {
      sql("INSERT INTO person (name, phone) VALUES ('Villager " + i + "', '1390000001" + i + "')");
      villagers.add(count(database, "SELECT id FROM person WHERE phone = '1390000001" + i + "'"));
    }
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
    database.close();
    vertx.close().await();
  }

  @Test
  void aTextIsSentOnceWhenTheGatewayAnswersAfterTheLeaseRanOut() throws Exception {
    write("sms", villagers);
    OutboxDispatcher dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("sms", sms),
        Duration.ofSeconds(1), Duration.ofMillis(50), 2);
    dispatcher.start();
    try {
      awaitStates(Set.of("sent"), Duration.ofSeconds(30));
      Thread.sleep(2 * GATEWAY_DELAY_MS); // any second sending would have arrived by now
    } finally {
      dispatcher.close();
    }

    assertEquals(3, texted.size(), "one text per villager: " + texted);
    assertEquals(3, texted.stream().distinct().count(), texted.toString());
    assertEquals(List.of("sent", "sent", "sent"), states());
  }

  @Test
  void anOutcomeRecordedUnderALeaseThatRanOutNeverOverwritesTheNewerOne() throws Exception {
    write("sms", villagers.subList(0, 1));
    UUID stale = UUID.randomUUID();
    try (Connection c = database.dataSource().getConnection()) {
      OutboxRepository.lease(c, List.of("sms"), 10, Duration.ofMillis(1), stale);
    }
    Thread.sleep(50);
    OutboxDispatcher dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("sms", sms),
        Duration.ofSeconds(30), Duration.ofMillis(50), 1);
    assertEquals(1, dispatcher.dispatchOnce());
    assertEquals(List.of("sent"), states());

    long row = count(database, "SELECT id FROM outbox");
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(0, OutboxRepository.record(c, Map.of(row, Outcome.retry(Duration.ZERO, "timed out", null)),
          stale), "the first lease is gone: its late outcome is not recorded");
      assertEquals(0, OutboxRepository.record(c, Map.of(row, Outcome.sent(new JsonObject().put("late", true))),
          stale), "nor a late success");
    }
    assertEquals(0, count(database, "SELECT count(*) FROM outbox WHERE result->>'late' IS NOT NULL"));
    assertEquals(List.of("sent"), states());
  }

  @Test
  void aSlowSmsGatewayNeverHoldsBackSirensAndPush() throws Exception {
    gatewayDelayMs = 6_000;
    SmsChannel sms = new SmsChannel(database.dataSource(), new SmsConfig("http://127.0.0.1:"
        + gateway.getAddress().getPort() + "/send", "", "application/json", "{\"to\": \"${phone}\"}",
        Duration.ofSeconds(10)));
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      FcmPushChannel push = new FcmPushChannel(database.dataSource(), fcm.client(), false);
      List<JsonObject> sirens = new CopyOnWriteArrayList<>();
      CommandChannel commands = new CommandChannel(database.dataSource(), (device, command) -> sirens.add(command),
          Duration.ofMinutes(30), Duration.ofSeconds(30));
      sql("INSERT INTO device (id, point_code, model, siren) VALUES ('SR-T1', '510100000001', 'siren', true)");
      sql("INSERT INTO push_token (person_id, token, platform) VALUES (" + villagers.get(0) + ", 'ok-v1', 'ios')");
      write("sms", villagers);
      write("push", villagers.subList(0, 1));
      try (Connection c = database.dataSource().getConnection()) {
        OutboxWriter outbox = new OutboxWriter(c);
        outbox.toDevice(alertId, "SR-T1", "siren", "notify", Messages.siren(true, DeliveryConfig.DEFAULTS, false),
            false);
        outbox.flush();
      }
      OutboxDispatcher dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(),
          Map.of("sms", sms, "push", push, "siren", commands), List.of(
              new OutboxLane("commands", Set.of("siren"), 1, 100, Duration.ofSeconds(60)),
              new OutboxLane("push", Set.of("push"), 1, 500, Duration.ofSeconds(60)),
              new OutboxLane("sms", Set.of("sms"), 1, 50, Duration.ofSeconds(1))),
          Duration.ofMillis(50));
      long started = System.currentTimeMillis();
      dispatcher.start();
      try {
        while ((sirens.isEmpty() || fcm.delivered().isEmpty()) && System.currentTimeMillis() - started < 20_000) {
          Thread.sleep(20);
        }
        long elapsed = System.currentTimeMillis() - started;
        assertTrue(texted.isEmpty() && elapsed < gatewayDelayMs,
            "the siren and the push went out while the SMS gateway was still answering the first text: " + elapsed
                + " ms");
        awaitStates(Set.of("sent", "pending"), Duration.ofSeconds(30)); // the siren stays pending until acknowledged
      } finally {
        dispatcher.close();
      }
      assertEquals(3, texted.size());
    }
  }

  @Test
  void aPushAlreadySentIsNotSentAgainWhenALaterStepFails() throws Exception {
    try (FakeFcmServer fcm = new FakeFcmServer()) {
      FcmPushChannel push = new FcmPushChannel(database.dataSource(), fcm.client(), false);
      sql("INSERT INTO push_token (person_id, token, platform) VALUES (" + villagers.get(0) + ", 'ok-phone', 'ios'),"
          + " (" + villagers.get(0) + ", 'gone-old-phone', 'android')");
      // removing the unregistered token fails (the database refuses it): the message has gone out all the same
      sql("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$");
      sql("CREATE TRIGGER refuse_delete BEFORE DELETE ON push_token FOR EACH ROW EXECUTE FUNCTION refuse()");
      write("push", villagers.subList(0, 1));
      OutboxDispatcher dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("push", push),
          Duration.ofSeconds(30), Duration.ofMillis(50), 1);

      dispatcher.dispatchOnce();
      sql("UPDATE outbox SET next_attempt_at = now()");
      dispatcher.dispatchOnce();

      assertEquals(List.of("sent"), states());
      assertEquals(1, fcm.attempts("ok-phone"), "sent once");
    }
  }

  private void write(String channel, List<Long> people) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      OutboxWriter outbox = new OutboxWriter(c);
      outbox.toPeople(alertId, people, channel, "notify", Messages.warning(alertId, "510100000001",
          new JsonObject().put("name", "Test slope"), WarningLevel.RED, "raised", false), false);
      outbox.flush();
    }
  }

  private void awaitStates(Set<String> wanted, Duration within) throws Exception {
    long end = System.currentTimeMillis() + within.toMillis();
    while (!wanted.containsAll(states()) && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
  }

  private List<String> states() throws Exception {
    return DatabaseFixture.column(database, "SELECT state FROM outbox ORDER BY id");
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
