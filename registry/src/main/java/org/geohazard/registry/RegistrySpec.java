package org.geohazard.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;

/**
 * The content of a registry file, read and validated once, for every part that imports from it: points, devices and
 * people here, the warning rules and the roster by the warning engine.
 *
 * @param rules each point's warning rules as written (every point of the file, with an empty list when it has none),
 *     whose content the warning engine validates on import
 * @param roster the duty shifts
 */
public record RegistrySpec(List<Point> points, List<Person> people, Map<String, JsonArray> rules,
    List<Shift> roster) {

  /** A registry of points and people only (no rules, no roster). */
  public RegistrySpec(List<Point> points, List<Person> people) {
    this(points, people, Map.of(), List.of());
  }

  public record Point(
      String code, String name, String hazardType, double latitude, double longitude, String county,
      String township, String village, String threatenedZoneJson, Integer households, Integer people,
      String propertyAtRisk, String riskLevel, String status, String evacuationPlanJson, List<Device> devices) {
    /**
     * A point as a registry file or the admin API gives it; its threatened zone (a radius, or a polygon around the
     * point) is checked against its location, and a {@link ZoneException} says what is wrong with it.
     */
    public static Point of(String code, String name, String hazardType, double latitude, double longitude,
        String county, String township, String village, JsonObject threatenedZone, Integer households,
        Integer people, String propertyAtRisk, String riskLevel, String status, JsonObject evacuationPlan,
        List<Device> devices) {
      if (threatenedZone != null) {
        ThreatenedZone.of(threatenedZone, latitude, longitude);
      }
      return new Point(code, name, hazardType, latitude, longitude, county, township, village,
          threatenedZone == null ? null : threatenedZone.encode(), households, people, propertyAtRisk, riskLevel,
          status, evacuationPlan == null ? null : evacuationPlan.encode(), List.copyOf(devices));
    }
  }

  /** @param siren whether the device takes siren commands (an on-site siren or broadcaster) */
  public record Device(String id, String model, int sampleIntervalSeconds, boolean siren, List<Channel> channels) {
    /** A device as a registry file or the admin API gives it, validated ({@link RegistryEntries#device}). */
    public static Device of(String id, String model, Integer intervalSeconds, boolean siren, List<Channel> channels) {
      return RegistryEntries.device(id, model, intervalSeconds, siren, channels);
    }
  }

  public record Channel(String key, String metric, String unit, double validMin, double validMax) {
    /** A channel as a registry file or the admin API gives it, validated ({@link RegistryEntries#channel}). */
    public static Channel of(String device, String key, String metric, String unit, Double min, Double max) {
      return RegistryEntries.channel(device, key, metric, unit, min, max);
    }
  }

  /** @param password an initial password to sign in to the apps with, or null (stored only as a hash) */
  public record Person(String name, String phone, String password, List<RoleGrant> roles) {
  }

  /** A role within a county, a point, or (for administrators) everywhere; absent scopes are empty strings. */
  public record RoleGrant(String role, String county, String point) {
    /**
     * A role in its scope, as a registry file or the admin API gives it (absent scopes null or empty): admin none,
     * duty_officer and leader a county, monitor, responsible_person and resident a point.
     */
    public static RoleGrant of(String role, String county, String point) {
      return RegistryEntries.roleGrant(role, county, point);
    }
  }

  /** A shift of a duty officer or leader on duty in a county, for the person with that phone. */
  public record Shift(String county, String role, String phone, Instant from, Instant to) {
  }
}
