package org.geohazard.api.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.geohazard.registry.zones.GeoJsonPolygon;
import org.geohazard.registry.zones.LocalProjection;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Zone maths against known geometry. Offsets use the published lengths of a degree at 30°N on WGS84 (latitude
 * 110,852 m, longitude 96,486 m), independent of the projection under test.
 */
@Timeout(120)
class ThreatenedZoneTest {
  private static final double LAT = 30.0;
  private static final double LON = 104.0;
  private static final double METRES_PER_DEGREE_LAT = 110_852;
  private static final double METRES_PER_DEGREE_LON = 96_486;

  private static double north(double metres) {
    return LAT + metres / METRES_PER_DEGREE_LAT;
  }

  private static double east(double metres) {
    return LON + metres / METRES_PER_DEGREE_LON;
  }

  /** A square of the given half side in metres around the point, as GeoJSON (longitude first). */
  static JsonObject square(double lat, double lon, double halfSide) {
    double dLat = halfSide / METRES_PER_DEGREE_LAT;
    double dLon = halfSide / METRES_PER_DEGREE_LON;
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(lon - dLon).add(lat - dLat)).add(new JsonArray().add(lon + dLon).add(lat - dLat))
        .add(new JsonArray().add(lon + dLon).add(lat + dLat)).add(new JsonArray().add(lon - dLon).add(lat + dLat))
        .add(new JsonArray().add(lon - dLon).add(lat - dLat))));
  }

  @Test
  void aRadiusZoneHoldsA240mHomeAndNotA260mOne() {
    ThreatenedZone zone = ThreatenedZone.of(new JsonObject().put("radius_m", 250), LAT, LON);
    assertTrue(zone.contains(north(240), LON));
    assertFalse(zone.contains(north(260), LON));
    assertTrue(zone.contains(LAT, east(240)));
    assertFalse(zone.contains(LAT, east(260)));
    assertTrue(zone.contains(north(-169.7), east(169.7)), "240 m to the south-east");
    assertFalse(zone.contains(north(-183.8), east(183.8)), "260 m to the south-east");
    assertEquals(750, zone.distanceMetres(north(1000), LON), 1.0);
    assertEquals(0, zone.distanceMetres(LAT, LON));
  }

  @Test
  void aSquareZoneHoldsItsInsideAndMeasuresToItsEdge() {
    ThreatenedZone zone = ThreatenedZone.of(square(LAT, LON, 500), LAT, LON);
    assertTrue(zone.contains(north(490), east(490)));
    assertFalse(zone.contains(north(510), LON));
    assertFalse(zone.contains(LAT, east(-510)));
    assertEquals(500, zone.distanceMetres(north(1000), LON), 1.0);
    assertEquals(Math.hypot(300, 400), zone.distanceMetres(north(800), east(900)), 1.0);
  }

  @Test
  void zonesIntersectPolygonsThatReachThem() {
    ThreatenedZone circle = ThreatenedZone.of(new JsonObject().put("radius_m", 250), LAT, LON);
    ThreatenedZone square = ThreatenedZone.of(square(LAT, LON, 500), LAT, LON);
    GeoJsonPolygon near = GeoJsonPolygon.parse(square(north(600), LON, 200));
    GeoJsonPolygon far = GeoJsonPolygon.parse(square(north(2000), LON, 200));
    assertTrue(square.intersects(near));
    assertFalse(circle.intersects(near));
    assertEquals(150, circle.distanceMetres(near), 1.0);
    assertFalse(square.intersects(far));
    assertEquals(1300, square.distanceMetres(far), 1.0);
  }

  @Test
  void aBowtiePolygonIsRefusedAsSelfIntersecting() {
    JsonObject bowtie = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
        .add(new JsonArray().add(104.0).add(30.0)).add(new JsonArray().add(104.01).add(30.01))
        .add(new JsonArray().add(104.01).add(30.0)).add(new JsonArray().add(104.0).add(30.01))
        .add(new JsonArray().add(104.0).add(30.0))));
    ZoneException e = assertThrows(ZoneException.class, () -> ThreatenedZone.of(bowtie, LAT, LON));
    assertTrue(e.getMessage().contains("self-intersection"), e.getMessage());
  }

  @Test
  void openFarTooLargeAndMalformedZonesAreRefusedWithTheReason() {
    JsonObject open = square(LAT, LON, 500);
    open.getJsonArray("coordinates").getJsonArray(0).remove(4);
    open.getJsonArray("coordinates").getJsonArray(0).add(new JsonArray().add(LON).add(LAT));
    assertTrue(assertThrows(ZoneException.class, () -> ThreatenedZone.of(open, LAT, LON)).getMessage()
        .contains("not closed"));
    assertTrue(assertThrows(ZoneException.class, () -> ThreatenedZone.of(square(31.0, LON, 500), LAT, LON))
        .getMessage().contains("50 km"));
    assertTrue(assertThrows(ZoneException.class, () -> ThreatenedZone.of(new JsonObject().put("radius_m", 60_000),
        LAT, LON)).getMessage().contains("radius_m"));
    JsonArray ring = new JsonArray();
    for (int i = 0; i < 2001; i++) {
      double angle = 2 * Math.PI * i / 2000;
      ring.add(new JsonArray().add(east(300 * Math.cos(angle))).add(north(300 * Math.sin(angle))));
    }
    JsonObject many = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    assertTrue(assertThrows(ZoneException.class, () -> ThreatenedZone.of(many, LAT, LON)).getMessage()
        .contains("2000"));
    JsonObject latFirst = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(
        new JsonArray().add(new JsonArray().add(30.0).add(104.0)).add(new JsonArray().add(30.0).add(104.0))
            .add(new JsonArray().add(30.0).add(104.0)).add(new JsonArray().add(30.0).add(104.0))));
    assertTrue(assertThrows(ZoneException.class, () -> ThreatenedZone.of(latFirst, LAT, LON)).getMessage()
        .contains("longitude first"));
  }

  @Test
  void theLocalProjectionIsWithinAFewMetresOverFiveKilometres() {
    LocalProjection projection = new LocalProjection(LAT, LON);
    assertEquals(5000, projection.toLocal(north(5000), LON).y, 1.0);
    assertEquals(5000, projection.toLocal(LAT, east(5000)).x, 1.0);
    assertEquals(Math.hypot(3000, 4000), projection.toLocal(north(3000), east(4000)).distance(
        new org.locationtech.jts.geom.Coordinate(0, 0)), 3.0);
  }
}
