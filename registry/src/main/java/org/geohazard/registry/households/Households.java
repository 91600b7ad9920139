package org.geohazard.registry.households;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.registry.zones.LocalProjection;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Households decide residents' points, but a home grants nothing by itself. A person whose home lies in the threatened
 * zone of a point that is not delisted is a resident there (role origin 'zone') when administrators recorded the home,
 * when the point's staff confirmed the person's claim, or when the person is staff of that point; otherwise the home
 * makes a pending claim that the point's staff confirm or reject (through the API's home claims). Recomputing replaces
 * only the zone rows; roles an administrator assigned stay as they are.
 */
public final class Households {
  private static final Logger LOG = LoggerFactory.getLogger(Households.class);
  /** Points whose location is this much farther than a zone's largest extent cannot reach a home. */
  private static final double MARGIN = 1.05;

  private Households() {
  }

  /** Parsed zones of the points seen so far, for many homes in one transaction (an import). */
  public static final class Zones {
    private final Map<String, ThreatenedZone> parsed = new HashMap<>();

    ThreatenedZone of(HouseholdRepository.ZonedPoint point) {
      return parsed.computeIfAbsent(point.code(), code -> {
        try {
          return ThreatenedZone.of(new JsonObject(point.zone()), point.lat(), point.lon());
        } catch (ZoneException | io.vertx.core.json.DecodeException e) {
          LOG.warn("[point: {}] stored threatened zone is not usable, no residents are derived from it: {}",
              code, e.getMessage());
          return null;
        }
      });
    }
  }

  /** Where a person's home is. */
  public record Home(double lat, double lon) {
  }

  /** The person's recorded home, if any. */
  public static Optional<Home> home(Connection c, long person) throws SQLException {
    HouseholdRepository.Home home = HouseholdRepository.home(c, person);
    return home == null ? Optional.empty() : Optional.of(new Home(home.lat(), home.lon()));
  }

  /**
   * Sets (or with nulls clears) the home the person gives themselves and recomputes their zone roles and claims; the
   * points whose zone holds it.
   */
  public static List<String> setHome(Connection c, long person, Double lat, Double lon, Zones zones)
      throws SQLException {
    HouseholdRepository.setHome(c, person, lat, lon);
    return recomputePerson(c, person, zones);
  }

  /** Recomputes the person's zone roles and claims from their home; the points whose zone holds it. */
  public static List<String> recomputePerson(Connection c, long person, Zones zones) throws SQLException {
    HouseholdRepository.dropPersonZones(c, person);
    HouseholdRepository.Home home = HouseholdRepository.home(c, person);
    if (home == null) {
      HouseholdRepository.prunePersonClaims(c, person, List.of());
      return List.of();
    }
    LocalProjection around = new LocalProjection(home.lat(), home.lon());
    double dLat = around.degreesNorth(ThreatenedZone.MAX_EXTENT_M) * MARGIN;
    double dLon = around.degreesEast(ThreatenedZone.MAX_EXTENT_M) * MARGIN;
    List<String> points = new ArrayList<>();
    for (HouseholdRepository.ZonedPoint point : HouseholdRepository.zonedPointsIn(c,
        new double[] {home.lat() - dLat, home.lat() + dLat, home.lon() - dLon, home.lon() + dLon})) {
      ThreatenedZone zone = zones.of(point);
      if (zone != null && zone.contains(home.lat(), home.lon())) {
        points.add(point.code());
      }
    }
    HouseholdRepository.addZones(c, points.stream().map(p -> person).toList(), points);
    HouseholdRepository.prunePersonClaims(c, person, points);
    return points;
  }

  /**
   * After a registry import, which rewrites the roles of the people it names and may change the points' zones: the
   * zone roles of those points and of those people, again.
   */
  public static void recomputeImported(Connection c, List<String> points, List<String> phones) throws SQLException {
    for (String point : points) {
      recomputePoint(c, point);
    }
    Zones zones = new Zones();
    for (long person : HouseholdRepository.withHomes(c, phones)) {
      recomputePerson(c, person, zones);
    }
  }

  /**
   * Recomputes who lives in the point's zone (after its zone, location or status changed); how many homes it holds
   * (residents and claims).
   */
  public static int recomputePoint(Connection c, String code) throws SQLException {
    HouseholdRepository.dropPointZones(c, code);
    HouseholdRepository.ZonedPoint point = HouseholdRepository.zonedPoint(c, code);
    ThreatenedZone zone = point == null ? null : new Zones().of(point);
    if (zone == null) {
      HouseholdRepository.prunePointClaims(c, code, List.of());
      return 0;
    }
    double[] box = zone.boundsDegrees();
    double epsilon = 1e-9;
    List<Long> people = new ArrayList<>();
    for (HouseholdRepository.Home home : HouseholdRepository.homesIn(c,
        new double[] {box[0] - epsilon, box[1] + epsilon, box[2] - epsilon, box[3] + epsilon})) {
      if (zone.contains(home.lat(), home.lon())) {
        people.add(home.person());
      }
    }
    HouseholdRepository.addZones(c, people, people.stream().map(p -> code).toList());
    HouseholdRepository.prunePointClaims(c, code, people);
    return people.size();
  }
}
