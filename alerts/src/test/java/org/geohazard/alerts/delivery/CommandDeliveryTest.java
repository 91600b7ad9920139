package org.geohazard.alerts.delivery;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.lifecycle.Workers;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Device commands live as long as configured and the newest wins: resent until acknowledged or expired, an older
 * pending command of the same type never sent once a newer one is written, each carrying the device's growing
 * sequence. The broker is the edge here: the publisher records what the device would receive, in order.
 */
@Timeout(120)
class CommandDeliveryTest {
  private static final String SIREN = "SR-T1";
  private static final DeliveryConfig CONFIG = DeliveryConfig.DEFAULTS;

  private Vertx vertx;
  private Database database;
  private OutboxDispatcher dispatcher;
  private final List<JsonObject> published = new CopyOnWriteArrayList<>();
  private long alertId;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    CommandChannel commands = new CommandChannel(database.dataSource(), (device, command) -> published.add(command),
        Duration.ofMinutes(30), Duration.ZERO);
    dispatcher = new OutboxDispatcher(new Workers(), database.dataSource(), Map.of("siren", commands, "sampling", commands),
        Duration.ofMinutes(1), Duration.ofMillis(100), 1);
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO device (id, point_code, model, siren) VALUES ('" + SIREN + "', '510100000001', 'siren',"
          + " true)");
      s.execute("INSERT INTO alert (point_code, source, kind, level, title) VALUES"
          + " ('510100000001', 'warning', 'warning', 'red', 'Test slope: RED warning')");
    }
    alertId = count(database, "SELECT max(id) FROM alert");
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void anUnacknowledgedSirenIsResentUntilItsLifetimeEndsWhateverTheAttempts() throws Exception {
    siren(true);
    // it has been resent every 30 s for 10 minutes: far more attempts than any cap, well within its 30 minutes
    sql("UPDATE outbox SET attempts = 20, created_at = now() - INTERVAL '10 minutes'");

    dispatcher.dispatchOnce();

    assertEquals(List.of("on"), actions());
    assertEquals("pending", state(1), "still resent: its lifetime has 20 minutes to run");

    sql("UPDATE outbox SET created_at = now() - INTERVAL '31 minutes', next_attempt_at = now()");
    dispatcher.dispatchOnce();

    assertEquals(List.of("on"), actions(), "past its lifetime it is not sent");
    assertEquals("expired", state(1));
  }

  @Test
  void theOffSupersedesAPendingOnAndTheSirenNeverHearsTheOnAfterIt() throws Exception {
    siren(true);
    dispatcher.dispatchOnce(); // published, awaiting the device's acknowledgement
    siren(false);
    for (int i = 0; i < 3; i++) {
      dispatcher.dispatchOnce();
    }

    assertEquals("superseded", state(1));
    List<String> actions = actions();
    assertEquals("on", actions.get(0));
    assertEquals(List.of("off"), actions.subList(1, actions.size()).stream().distinct().toList(),
        "after the off, never an on: " + actions);
    long onSeq = published.get(0).getLong("seq");
    assertTrue(published.stream().skip(1).allMatch(c -> c.getLong("seq") > onSeq), "the off carries a higher seq");
    assertTrue(published.stream().skip(1).allMatch(c -> c.getLong("seq").equals(published.get(1).getLong("seq"))),
        "resends carry their command's seq");
  }

  @Test
  void anOnNeverSentBeforeTheOffIsNeverSent() throws Exception {
    siren(true);
    siren(false);
    dispatcher.dispatchOnce();

    assertEquals(List.of("off"), actions());
    assertEquals(List.of("superseded", "pending"), states());
  }

  @Test
  void commandsToOneDeviceCarryAGrowingSequenceAcrossTypes() throws Exception {
    siren(true);
    sampling(60);
    siren(false);
    dispatcher.dispatchOnce();

    assertEquals(List.of(1L, 2L, 3L), seqs());
    assertEquals("pending", state(2), "a sampling command does not supersede a siren command, nor the other way");
  }

  @Test
  void anAcknowledgementOfASupersededCommandIsRecordedAndChangesNothing() throws Exception {
    siren(true);
    dispatcher.dispatchOnce();
    siren(false);
    dispatcher.dispatchOnce();
    String onId = published.get(0).getString("id");
    // the device acknowledges the on late (the gateway records every cmd/ack)
    sql("INSERT INTO command_ack (device_id, command_id, ok, ts, received_at) VALUES ('" + SIREN + "', '" + onId
        + "', true, now(), now())");
    sql("UPDATE outbox SET next_attempt_at = now()");
    dispatcher.dispatchOnce();

    assertEquals(1, count(database, "SELECT count(*) FROM command_ack WHERE command_id = '" + onId + "'"));
    assertEquals(List.of("superseded", "pending"), states(), "the off is still resent until the device answers it");
    assertEquals("off", actions().get(actions().size() - 1));
  }

  private void siren(boolean on) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      OutboxWriter outbox = new OutboxWriter(c);
      outbox.toDevice(alertId, SIREN, "siren", on ? "notify" : "all_clear", Messages.siren(on, CONFIG, false), false);
      outbox.flush();
    }
  }

  private void sampling(int seconds) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      OutboxWriter outbox = new OutboxWriter(c);
      outbox.toDevice(alertId, SIREN, "sampling", "notify", Messages.sampling(seconds), false);
      outbox.flush();
    }
  }

  private List<String> actions() {
    return published.stream().map(c -> c.getJsonObject("params").getString("action")).toList();
  }

  private String state(int nth) throws Exception {
    return states().get(nth - 1);
  }

  private List<String> states() throws Exception {
    return DatabaseFixture.column(database, "SELECT state FROM outbox ORDER BY id");
  }

  private List<Long> seqs() throws Exception {
    return DatabaseFixture.column(database, "SELECT payload ->> 'seq' FROM outbox ORDER BY id").stream()
        .map(Long::valueOf).toList();
  }

  private void sql(String statement) throws Exception {
    DatabaseFixture.execute(database, statement);
  }
}
