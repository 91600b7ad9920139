package org.geohazard.ingest.registry;

import java.util.List;

/** The content of a registry file, validated. */
public record RegistrySpec(List<Point> points, List<Person> people) {

  public record Point(
      String code, String name, String hazardType, double latitude, double longitude, String county,
      String township, String village, String threatenedZoneJson, Integer households, Integer people,
      String propertyAtRisk, String riskLevel, String status, String evacuationPlanJson, List<Device> devices) {
  }

  /** @param siren whether the device takes siren commands (an on-site siren or broadcaster) */
  public record Device(String id, String model, int sampleIntervalSeconds, boolean siren, List<Channel> channels) {
  }

  public record Channel(String key, String metric, String unit, double validMin, double validMax) {
  }

  /** @param password an initial password to sign in to the apps with, or null (stored only as a hash) */
  public record Person(String name, String phone, String password, List<RoleGrant> roles) {
  }

  /** A role within a county, a point, or (for administrators) everywhere; absent scopes are empty strings. */
  public record RoleGrant(String role, String county, String point) {
  }
}
