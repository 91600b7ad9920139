package org.geohazard.alerts.roster;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.geohazard.alerts.Recipients;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.registry.RegistryFileParser;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The roster decides who "duty officer" means right now; without one, everyone holding the role is told. */
@Timeout(60)
class RosterTest {
  private Vertx vertx;
  private Database database;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO person (name, phone) VALUES ('Night officer', '13900000021')");
      s.execute("INSERT INTO person_role (person_id, role, county) SELECT id, 'duty_officer', 'Test County'"
          + " FROM person WHERE phone = '13900000021'");
    }
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void theOfficerOnShiftIsTheDutyOfficer() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String roster = """
        roster:
          - {county: Test County, role: duty_officer, phone: "13800000001", from: "%s", to: "%s"}
          - {county: Test County, role: duty_officer, phone: "13900000021", from: "%s", to: "%s"}
        """.formatted(now.minusSeconds(3600), now.minusSeconds(60), now.minusSeconds(60), now.plusSeconds(3600));
    try (Connection c = database.dataSource().getConnection()) {
      assertEquals(2, Recipients.dutyOfficers(c, "510100000001").size(), "no roster: every duty officer");
      assertEquals(2, RosterImporter.importRoster(c, RegistryFileParser.parse(roster).roster()));
      assertEquals(2, RosterImporter.importRoster(c, RegistryFileParser.parse(roster).roster()), "importing again replaces, never doubles");
      long night = count(database, "SELECT id FROM person WHERE phone = '13900000021'");
      assertEquals(List.of(night), Recipients.dutyOfficers(c, "510100000001"));
      assertThrows(RuleException.class, () -> RosterImporter.importRoster(c, RegistryFileParser.parse(
          "roster: [{county: Test County, role: duty_officer, phone: '13999999999', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z'}]")
          .roster()));
    }
    assertEquals(2, count(database, "SELECT count(*) FROM duty_shift"));
  }
}
