package org.geohazard.registry.zones;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A GeoJSON Polygon (RFC 7946: positions are [longitude, latitude] in WGS84, the first ring is the outer boundary,
 * further rings are holes, every ring is closed) read strictly: at most {@link #MAX_VERTICES} positions in all.
 * Validity (no self-intersection, holes inside) is checked by JTS on the polygon projected to metres.
 */
public final class GeoJsonPolygon {
  public static final int MAX_VERTICES = 2000;
  public static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final List<double[][]> rings;
  private final double minLat;
  private final double maxLat;
  private final double minLon;
  private final double maxLon;

  private GeoJsonPolygon(List<double[][]> rings) {
    this.rings = rings;
    double[] box = {90, -90, 180, -180};
    for (double[] position : rings.get(0)) {
      box[0] = Math.min(box[0], position[1]);
      box[1] = Math.max(box[1], position[1]);
      box[2] = Math.min(box[2], position[0]);
      box[3] = Math.max(box[3], position[0]);
    }
    this.minLat = box[0];
    this.maxLat = box[1];
    this.minLon = box[2];
    this.maxLon = box[3];
  }

  /** Reads the polygon and checks its validity with JTS; a {@link ZoneException} says what is wrong with it. */
  public static GeoJsonPolygon parse(JsonObject geoJson) {
    if (!"Polygon".equals(geoJson.getValue("type"))) {
      throw new ZoneException("a polygon must be a GeoJSON object with \"type\": \"Polygon\"");
    }
    if (!(geoJson.getValue("coordinates") instanceof JsonArray rings) || rings.isEmpty()) {
      throw new ZoneException("a polygon needs \"coordinates\": an array of rings, the first the outer boundary");
    }
    List<double[][]> parsed = new ArrayList<>();
    int vertices = 0;
    for (int i = 0; i < rings.size(); i++) {
      if (!(rings.getValue(i) instanceof JsonArray ring)) {
        throw new ZoneException("ring " + i + " of the polygon is not an array of positions");
      }
      vertices += ring.size();
      if (vertices > MAX_VERTICES) {
        throw new ZoneException("the polygon has more than " + MAX_VERTICES + " positions");
      }
      parsed.add(ring(ring, i));
    }
    GeoJsonPolygon polygon = new GeoJsonPolygon(parsed);
    // The local projection is affine in longitude and latitude, so validity in one projection holds in every other.
    TopologyValidationError error = new IsValidOp(polygon.toLocal(polygon.centredProjection())).getValidationError();
    if (error != null) {
      throw new ZoneException("the polygon is not valid: " + error.getMessage().toLowerCase(java.util.Locale.ROOT)
          + " (rings must not cross themselves or each other; holes must lie inside the outer ring)");
    }
    return polygon;
  }

  private static double[][] ring(JsonArray ring, int index) {
    if (ring.size() < 4) {
      throw new ZoneException("ring " + index + " of the polygon has fewer than 4 positions");
    }
    double[][] positions = new double[ring.size()][];
    for (int j = 0; j < ring.size(); j++) {
      if (!(ring.getValue(j) instanceof JsonArray position) || position.size() < 2 || position.size() > 3
          || !(position.getValue(0) instanceof Number lon) || !(position.getValue(1) instanceof Number lat)) {
        throw new ZoneException("position " + j + " of ring " + index + " is not [longitude, latitude]");
      }
      double x = lon.doubleValue();
      double y = lat.doubleValue();
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
        throw new ZoneException("position " + j + " of ring " + index + " is outside longitude -180..180,"
            + " latitude -90..90 (GeoJSON puts the longitude first)");
      }
      positions[j] = new double[] {x, y};
    }
    double[] first = positions[0];
    double[] last = positions[positions.length - 1];
    if (first[0] != last[0] || first[1] != last[1]) {
      throw new ZoneException("ring " + index + " of the polygon is not closed: its last position must repeat"
          + " the first");
    }
    return positions;
  }

  /** The polygon in the projection's metres. */
  public Polygon toLocal(LocalProjection projection) {
    LinearRing shell = linearRing(rings.get(0), projection);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = linearRing(rings.get(i), projection);
    }
    return GEOMETRY.createPolygon(shell, holes);
  }

  private static LinearRing linearRing(double[][] positions, LocalProjection projection) {
    Coordinate[] coordinates = new Coordinate[positions.length];
    for (int i = 0; i < positions.length; i++) {
      coordinates[i] = projection.toLocal(positions[i][1], positions[i][0]);
    }
    // The ring is closed in degrees; keep it closed exactly in metres too.
    coordinates[positions.length - 1] = coordinates[0].copy();
    return GEOMETRY.createLinearRing(coordinates);
  }

  /** A projection centred on the outer ring's bounding box. */
  public LocalProjection centredProjection() {
    return new LocalProjection((minLat + maxLat) / 2, (minLon + maxLon) / 2);
  }

  public double minLat() {
    return minLat;
  }

  public double maxLat() {
    return maxLat;
  }

  public double minLon() {
    return minLon;
  }

  public double maxLon() {
    return maxLon;
  }
}
