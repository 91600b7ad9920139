package org.geohazard.gateway.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.geohazard.gateway.testing.BrokerProcess;
import org.geohazard.gateway.testing.Eventually;
import org.geohazard.gateway.testing.GatewayRunner;
import org.geohazard.gateway.testing.SecureBroker;
import org.geohazard.gateway.testing.SecureHiveMq;
import org.geohazard.gateway.testing.Sql;
import org.geohazard.gateway.testing.Stream;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.DatabaseConfig;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog the broker acknowledged to a device, queued for a gateway that is away, survives a crash of the broker
 * (SIGKILL, no clean shutdown): once the broker and the gateway are back, every reading is stored, none twice.
 * The broker is HiveMQ CE as shipped (deploy/hivemq/config.xml: file persistence, which keeps each message in its file
 * store before acknowledging it; the device rules; TLS), run in a process of its own so that it can be killed; the
 * gateway and the device connect as deployed, the gateway in a shared group.
 * (Mosquitto saves its queues only as a periodic snapshot and loses what arrived since: see the broker benchmark.)
 */
@Timeout(120)
class BrokerCrashTest {
  private static final int SAMPLES = 1000;
  private static final String DEVICE = "LF-T1";

  @TempDir
  Path dir;

  @Test
  void aBacklogTheBrokerAcknowledgedIsStoredOnceAfterTheBrokerIsKilledAtTheLastAck() throws Exception {
    // the broker as shipped: deploy/hivemq/config.xml, the device rules, TLS, credentials from make-dynsec.sh
    SecureHiveMq.Installation shipped = SecureHiveMq.install(dir);
    SecureBroker secure = shipped.broker();
    try (BrokerProcess broker = BrokerProcess.hivemq(dir.resolve("broker"), shipped.tlsPort(), shipped.conf(),
        shipped.extensions())) {
      DatabaseConfig database = TestDatabases.freshDatabase();
      Sql sql = new Sql(database.url());
      Map<String, String> env = secure.gatewayEnvironment(database.url(), DatabaseFixture.testRegistry());
      // given: the gateway's session and its shared subscription, then the gateway away
      GatewayRunner.start(env).close();

      // when: a device queues a backlog, and the broker dies the moment it acknowledged the last sample
      new Stream(() -> secure.device(DEVICE), DEVICE, SAMPLES, 100_000).finish();
      broker.crashAndRestart();

      // then: the gateway, back, stores every reading of the backlog, each once
      try (GatewayRunner gateway = GatewayRunner.start(env)) {
        long stored = Eventually.await(Duration.ofSeconds(45), () -> sql.count("SELECT count(*) FROM reading"),
            n -> n >= SAMPLES * 2L);
        // Exactly: a reading delivered twice is stored once (the primary key), and nothing else is in the database.
        assertEquals(SAMPLES * 2L, stored, "readings of the backlog stored after the crash");
        assertEquals((long) SAMPLES * (SAMPLES - 1) / 2,
            sql.count("SELECT sum(value)::bigint FROM reading WHERE value >= 0"), "every sample, with its value");
      }
    }
  }
}
