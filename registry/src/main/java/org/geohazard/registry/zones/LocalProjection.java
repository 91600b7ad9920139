package org.geohazard.registry.zones;

import org.locationtech.jts.geom.Coordinate;

/**
 * A local equirectangular projection of WGS84 around an origin, in metres: x east, y north. The scales are the
 * ellipsoid's radii of curvature at the origin (meridional for y, prime vertical times cos(latitude) for x), so the
 * only error is the change of the east-west scale with latitude away from the origin: a relative error of about
 * tan(latitude) × (north-south offset in radians). At 30°N that is 0.05 % (2.5 m) at 5 km and 0.45 % (about 225 m)
 * at the 50 km limit; at 50°N 0.1 % at 5 km. Fine for threatened zones of a few kilometres; not for survey work.
 */
public final class LocalProjection {
  private static final double A = 6_378_137.0;
  private static final double E2 = 6.694_379_990_14e-3;

  private final double originLat;
  private final double originLon;
  private final double metresPerRadianNorth;
  private final double metresPerRadianEast;

  public LocalProjection(double originLat, double originLon) {
    this.originLat = originLat;
    this.originLon = originLon;
    double sin = Math.sin(Math.toRadians(originLat));
    double w = Math.sqrt(1 - E2 * sin * sin);
    this.metresPerRadianNorth = A * (1 - E2) / (w * w * w);
    this.metresPerRadianEast = A / w * Math.cos(Math.toRadians(originLat));
  }

  public double originLat() {
    return originLat;
  }

  public double originLon() {
    return originLon;
  }

  /** The local coordinate (metres) of a WGS84 position. */
  public Coordinate toLocal(double lat, double lon) {
    double dLon = lon - originLon;
    if (dLon > 180) {
      dLon -= 360;
    } else if (dLon < -180) {
      dLon += 360;
    }
    return new Coordinate(Math.toRadians(dLon) * metresPerRadianEast,
        Math.toRadians(lat - originLat) * metresPerRadianNorth);
  }

  /** Degrees of latitude that span the given metres north-south (for bounding boxes). */
  public double degreesNorth(double metres) {
    return Math.toDegrees(metres / metresPerRadianNorth);
  }

  /** Degrees of longitude that span the given metres east-west at the origin; 360 near the poles. */
  public double degreesEast(double metres) {
    return metresPerRadianEast < 1 ? 360 : Math.min(360, Math.toDegrees(metres / metresPerRadianEast));
  }
}
