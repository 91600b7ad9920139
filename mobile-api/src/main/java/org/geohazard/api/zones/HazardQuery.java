package org.geohazard.api.zones;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.zones.GeoJsonPolygon;
import org.geohazard.registry.zones.LocalProjection;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;
import org.locationtech.jts.geom.Coordinate;

/**
 * One hazard query: a location with a distance, or a polygon (with an optional distance around it). A point is hit
 * when its location or its threatened zone lies within the distance; everything is measured in the point's local
 * projection ({@link LocalProjection}).
 */
final class HazardQuery {
  static final double MAX_DISTANCE_M = 50_000;

  private final Double lat;
  private final Double lon;
  private final GeoJsonPolygon polygon;
  private final double distance;

  /** A point found, with the nearer of its location and zone (rounded to 0.1 m) as the sort key. */
  record Hit(HazardQueryRepository.Candidate point, double distance, Double zoneDistance, boolean locationHit,
      boolean zoneHit) {
    double nearest() {
      return zoneDistance == null ? distance : Math.min(distance, zoneDistance);
    }
  }

  private HazardQuery(Double lat, Double lon, GeoJsonPolygon polygon, double distance) {
    this.lat = lat;
    this.lon = lon;
    this.polygon = polygon;
    this.distance = distance;
  }

  static HazardQuery of(JsonObject body) {
    JsonObject location = body.getJsonObject("location");
    JsonObject polygon = body.getJsonObject("polygon");
    Double distance = body.getDouble("distance_m");
    if ((location == null) == (polygon == null)) {
      throw invalid("give either location with distance_m, or polygon");
    }
    if (location != null) {
      if (distance == null) {
        throw invalid("a query by location needs distance_m (metres, 0 to 50000)");
      }
      return new HazardQuery(location.getDouble("lat"), location.getDouble("lon"), null, distance);
    }
    GeoJsonPolygon parsed;
    try {
      parsed = GeoJsonPolygon.parse(polygon);
    } catch (ZoneException e) {
      throw ApiException.invalid("invalid-polygon", "Invalid polygon", e.getMessage());
    }
    LocalProjection centre = parsed.centredProjection();
    for (Coordinate c : parsed.toLocal(centre).getExteriorRing().getCoordinates()) {
      if (Math.hypot(c.x, c.y) > MAX_DISTANCE_M) {
        throw ApiException.invalid("invalid-polygon", "Invalid polygon", "the polygon reaches more than "
            + (int) (MAX_DISTANCE_M / 1000) + " km from its centre; query a smaller area");
      }
    }
    return new HazardQuery(null, null, parsed, distance == null ? 0 : distance);
  }

  /** The box {min lat, max lat, min lon, max lon} holding the location of every point the query can hit. */
  double[] box() {
    double reach = distance + ThreatenedZone.MAX_EXTENT_M;
    double minLat = polygon == null ? lat : polygon.minLat();
    double maxLat = polygon == null ? lat : polygon.maxLat();
    double minLon = polygon == null ? lon : polygon.minLon();
    double maxLon = polygon == null ? lon : polygon.maxLon();
    // Degrees of longitude are shortest at the latitude farthest from the equator, widened by 10 % for the reach.
    double farthest = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + 1);
    LocalProjection scale = new LocalProjection(farthest, 0);
    double dLat = scale.degreesNorth(reach) * 1.1;
    double dLon = scale.degreesEast(reach) * 1.1;
    return new double[] {minLat - dLat, maxLat + dLat, minLon - dLon, maxLon + dLon};
  }

  Optional<Hit> test(HazardQueryRepository.Candidate point, ThreatenedZone zone) {
    LocalProjection around = new LocalProjection(point.lat(), point.lon());
    double toLocation;
    Double toZone = null;
    if (polygon == null) {
      Coordinate c = around.toLocal(lat, lon);
      toLocation = Math.hypot(c.x, c.y);
      toZone = zone == null ? null : zone.distanceMetres(lat, lon);
    } else {
      toLocation = polygon.toLocal(around).distance(GeoJsonPolygon.GEOMETRY.createPoint(new Coordinate(0, 0)));
      toZone = zone == null ? null : zone.distanceMetres(polygon);
    }
    boolean locationHit = toLocation <= distance;
    boolean zoneHit = toZone != null && toZone <= distance;
    if (!locationHit && !zoneHit) {
      return Optional.empty();
    }
    return Optional.of(new Hit(point, round(toLocation), toZone == null ? null : round(toZone), locationHit, zoneHit));
  }

  private static double round(double metres) {
    return Math.round(metres * 10) / 10.0;
  }

  private static ApiException invalid(String detail) {
    return ApiException.invalid("invalid-query", "Invalid hazard query", detail);
  }
}
