package org.geohazard.registry;

import static org.geohazard.registry.testing.DatabaseFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.sql.Connection;
import org.geohazard.registry.testing.DatabaseFixture;
import org.geohazard.storage.Database;
import org.geohazard.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RegistryImporterTest {
  private static Vertx vertx;
  private static Database database;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    database = Database.open(vertx, TestDatabases.freshDatabase());
  }

  @AfterAll
  static void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void importingTheSameFileTwiceChangesNothing() throws Exception {
    RegistryImporter.Summary first;
    try (Connection c = database.dataSource().getConnection()) {
      first = RegistryImporter.importFile(c, DatabaseFixture.testRegistry());
      RegistryImporter.importFile(c, DatabaseFixture.testRegistry());
    }
    assertEquals(new RegistryImporter.Summary(1, 2, 3, 2), first);
    assertEquals(1, count(database, "SELECT count(*) FROM hazard_point"));
    assertEquals(3, count(database, "SELECT count(*) FROM sensor"));
    assertEquals(2, count(database, "SELECT count(*) FROM person_role"));
    assertEquals(300, count(database, "SELECT valid_max FROM sensor WHERE channel = 'crack_width'"));
    assertEquals(2000, count(database, "SELECT valid_max FROM sensor WHERE channel = 'crack_width_2'"));
    try (Connection c = database.dataSource().getConnection()) {
      DeviceDirectory directory = DeviceDirectory.load(c);
      assertEquals("510100000001", directory.device("LF-T1").orElseThrow().pointCode());
      assertEquals(2, directory.device("LF-T1").orElseThrow().channels().size());
    }
  }

  @Test
  void unknownMetricIsRefusedWithItsPlace() {
    RegistryException error = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        points:
          - {code: P1, name: n, type: landslide, location: {lat: 1, lon: 2}, county: c,
             devices: [{id: D1, channels: [{key: wind_speed}]}]}
        """));
    assertTrue(error.getMessage().contains("device D1 channel wind_speed: unknown metric"), error.getMessage());
  }

  @Test
  void wrongKindsOfValuesAreRefusedClearly() {
    assertThrows(RegistryException.class, () -> RegistryFileParser.parse("points: 7"));
    assertThrows(RegistryException.class, () -> RegistryFileParser.parse("- a list"));
    assertThrows(RegistryException.class, () -> RegistryFileParser.parse("points: [{code: P1}]"));
    RegistryException unit = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        points:
          - {code: P1, name: n, type: landslide, location: {lat: 1, lon: 2}, county: c,
             devices: [{id: D1, channels: [{key: rainfall, unit: inch}]}]}
        """));
    assertTrue(unit.getMessage().contains("measured in mm"), unit.getMessage());
    RegistryException topic = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        points:
          - {code: P1, name: n, type: landslide, location: {lat: 1, lon: 2}, county: c,
             devices: [{id: "D/1", channels: [rainfall]}]}
        """));
    assertTrue(topic.getMessage().contains("MQTT topics"), topic.getMessage());
  }

  /**
   * A phone is kept as its digits (and a leading '+'), the one form the apps sign in with and the residents' CSV and
   * the admin API take: written with spaces or dashes in the file, it is the same person, not a second one.
   */
  @Test
  void phonesAreKeptAsTheirDigits() {
    RegistrySpec spec = RegistryFileParser.parse("""
        people:
          - {name: Wang, phone: "+86 138-0000-0009"}
        roster:
          - {county: c, role: duty_officer, phone: "+86 138 0000 0009", from: "2026-01-01T00:00:00Z",
             to: "2026-01-02T00:00:00Z"}
        """);
    assertEquals("+8613800000009", spec.people().get(0).phone());
    assertEquals("+8613800000009", spec.roster().get(0).phone());
    RegistryException twice = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        people:
          - {name: Wang, phone: "138 0000 0009"}
          - {name: Wang Wei, phone: "13800000009"}
        """));
    assertTrue(twice.getMessage().contains("phone appears twice"), twice.getMessage());
    RegistryException letters = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        people:
          - {name: Wang, phone: "138 0000 000x"}
        """));
    assertTrue(letters.getMessage().contains("5 to 20 digits"), letters.getMessage());
  }

  /**
   * Each role is held in its scope, in the file as through the admin API: a duty officer of a point (not of a county)
   * would see nothing, so the file refuses it as the API does.
   */
  @Test
  void aRoleIsHeldInItsScope() {
    RegistryException atPoint = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        people:
          - {name: Li, phone: "13800000011", roles: [{role: duty_officer, point: "P1"}]}
        """));
    assertTrue(atPoint.getMessage().contains("person 13800000011: role duty_officer is held in a county: give county"
        + " and no point"), atPoint.getMessage());
    RegistryException both = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        people:
          - {name: Li, phone: "13800000011", roles: [{role: monitor, point: "P1", county: c}]}
        """));
    assertTrue(both.getMessage().contains("role monitor is held at a hazard point: give point and no county"),
        both.getMessage());
    assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        people:
          - {name: Li, phone: "13800000011", roles: [{role: admin, county: c}]}
        """));
  }

  /** The file's zones are checked as the admin API's are: a ring that is not closed is refused in both. */
  @Test
  void aThreatenedZoneIsCheckedAsTheApiChecksIt() {
    RegistryException open = assertThrows(RegistryException.class, () -> RegistryFileParser.parse("""
        points:
          - {code: P1, name: n, type: landslide, location: {lat: 30.0, lon: 103.0}, county: c,
             threatened_zone: {type: Polygon, coordinates: [[[103.0, 30.0], [103.01, 30.0], [103.01, 30.01],
               [103.0, 30.02]]]},
             devices: [{id: D1, channels: [rainfall]}]}
        """));
    assertTrue(open.getMessage().startsWith("point P1.threatened_zone: ring 0 of the polygon is not closed"),
        open.getMessage());
  }

  @Test
  void roleOnAnUnknownPointRollsBackTheWholeImport() throws Exception {
    RegistrySpec spec = RegistryFileParser.parse("""
        points:
          - {code: P-ROLLBACK, name: n, type: rockfall, location: {lat: 1, lon: 2}, county: c}
        people:
          - {name: x, phone: "13900000009", roles: [{role: monitor, point: NOWHERE}]}
        """);
    try (Connection c = database.dataSource().getConnection()) {
      RegistryException error = assertThrows(RegistryException.class, () -> RegistryImporter.importSpec(c, spec));
      assertTrue(error.getMessage().contains("NOWHERE"));
    }
    assertEquals(0, count(database, "SELECT count(*) FROM hazard_point WHERE code = 'P-ROLLBACK'"));
  }
}
