package org.geohazard.registry.zones;

import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A hazard point's threatened zone in metres around the point ({@link LocalProjection}): either a circle
 * ({@code {"radius_m": R}}, kept exact as centre and radius rather than a polygon approximation) or a GeoJSON
 * Polygon. Both are bounded: the radius and every polygon position lie within {@link #MAX_EXTENT_M} of the point.
 */
public final class ThreatenedZone {
  public static final double MAX_EXTENT_M = 50_000;

  private final LocalProjection projection;
  private final Point centre;
  private final double radius;
  private final Polygon polygon;

  private ThreatenedZone(LocalProjection projection, double radius, Polygon polygon) {
    this.projection = projection;
    this.centre = GeoJsonPolygon.GEOMETRY.createPoint(new Coordinate(0, 0));
    this.radius = radius;
    this.polygon = polygon;
  }

  /** Reads and validates a zone of the point at (lat, lon); a {@link ZoneException} says what is wrong. */
  public static ThreatenedZone of(JsonObject zone, double lat, double lon) {
    LocalProjection projection = new LocalProjection(lat, lon);
    if (zone.containsKey("radius_m")) {
      if (zone.size() != 1 || !(zone.getValue("radius_m") instanceof Number r)) {
        throw new ZoneException("a radius zone is {\"radius_m\": metres} and nothing else");
      }
      double radius = r.doubleValue();
      if (!(radius >= 1 && radius <= MAX_EXTENT_M)) {
        throw new ZoneException("radius_m must be between 1 and " + (int) MAX_EXTENT_M + " metres");
      }
      return new ThreatenedZone(projection, radius, null);
    }
    Polygon polygon = GeoJsonPolygon.parse(zone).toLocal(projection);
    for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
      if (Math.hypot(c.x, c.y) > MAX_EXTENT_M) {
        throw new ZoneException("the zone reaches more than " + (int) (MAX_EXTENT_M / 1000)
            + " km from the hazard point; check the coordinates (GeoJSON puts the longitude first)");
      }
    }
    return new ThreatenedZone(projection, 0, polygon);
  }

  public boolean isCircle() {
    return polygon == null;
  }

  /** Whether the position lies in the zone (on the boundary counts as in). */
  public boolean contains(double lat, double lon) {
    return distanceMetres(lat, lon) == 0;
  }

  /** Metres from the position to the zone; 0 inside it. */
  public double distanceMetres(double lat, double lon) {
    Coordinate c = projection.toLocal(lat, lon);
    if (isCircle()) {
      return Math.max(0, Math.hypot(c.x, c.y) - radius);
    }
    return polygon.distance(GeoJsonPolygon.GEOMETRY.createPoint(c));
  }

  /** Metres from the polygon to the zone; 0 when they touch or overlap. */
  public double distanceMetres(GeoJsonPolygon other) {
    Polygon local = other.toLocal(projection);
    return isCircle() ? Math.max(0, local.distance(centre) - radius) : local.distance(polygon);
  }

  public boolean intersects(GeoJsonPolygon other) {
    return distanceMetres(other) == 0;
  }

  /** The zone's bounding box in degrees: {min lat, max lat, min lon, max lon}. */
  public double[] boundsDegrees() {
    Envelope e = isCircle() ? new Envelope(-radius, radius, -radius, radius) : polygon.getEnvelopeInternal();
    return new double[] {projection.originLat() + projection.degreesNorth(e.getMinY()),
        projection.originLat() + projection.degreesNorth(e.getMaxY()),
        projection.originLon() + projection.degreesEast(e.getMinX()),
        projection.originLon() + projection.degreesEast(e.getMaxX())};
  }
}
