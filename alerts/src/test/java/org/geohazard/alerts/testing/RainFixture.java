package org.geohazard.alerts.testing;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.util.List;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.geohazard.telemetry.batch.BatchWriter;
import org.geohazard.telemetry.batch.IngestBatch;
import org.geohazard.telemetry.batch.ReadingRow;

/**
 * The test registry's point {@value #POINT} with one rule, an hourly rainfall sum (blue 10, yellow 15, orange 20,
 * red 25 mm), and a way to make it rain. The rule acts on one sample ({@code confirm: false}), so that tests of what
 * follows a level reach it with one reading; the confirmation of orange and red is tested with the rules.
 */
public final class RainFixture {
  public static final String POINT = "510100000001";

  private RainFixture() {
  }

  /** A fresh migrated database with the test registry and the rain rule. */
  public static Database database(Vertx vertx) throws Exception {
    Database database = DatabaseFixture.migratedWithRegistry(vertx, TestDatabases.freshDatabase());
    try (Connection c = database.dataSource().getConnection()) {
      RuleFixtures.importRules(c, """
          points:
            - code: "510100000001"
              rules:
                - {name: rain, kind: accumulation, channel: RG-T1/rainfall, confirm: false,
                   windows: {1h: {blue: 10, yellow: 15, orange: 20, red: 25}}}
          """);
    }
    return database;
  }

  /** Stores a rain gauge sample taken at {@code ts} and received on time. */
  public static void rain(Database database, long ts, double millimetres) throws Exception {
    int gauge = DatabaseFixture.sensorId(database, "RG-T1", "rainfall");
    try (Connection c = database.dataSource().getConnection()) {
      new BatchWriter().write(c, new IngestBatch(List.of(new ReadingRow(gauge, ts, millimetres, 0, ts)), List.of(),
          List.of(), List.of(), List.of()));
    }
  }
}
