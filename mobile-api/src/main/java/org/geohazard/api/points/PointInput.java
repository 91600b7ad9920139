package org.geohazard.api.points;

import io.vertx.core.json.JsonObject;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;

/**
 * A hazard point as an administrator sends it (the contract has checked types, bounds and unknown fields); the
 * threatened zone is checked here, against the point's location.
 */
record PointInput(String code, String name, String type, double lat, double lon, String county, String township,
    String village, String zoneJson, Integer households, Integer people, String propertyAtRisk, String riskLevel,
    String status, String planJson) {

  static PointInput from(String code, JsonObject body) {
    JsonObject location = body.getJsonObject("location");
    double lat = location.getDouble("lat");
    double lon = location.getDouble("lon");
    JsonObject zone = body.getJsonObject("threatened_zone");
    if (zone != null) {
      try {
        ThreatenedZone.of(zone, lat, lon);
      } catch (ZoneException e) {
        throw ApiException.invalid("invalid-zone", "Invalid threatened zone", e.getMessage());
      }
    }
    JsonObject plan = body.getJsonObject("evacuation_plan");
    return new PointInput(code, body.getString("name"), body.getString("type"), lat, lon, body.getString("county"),
        body.getString("township"), body.getString("village"), zone == null ? null : zone.encode(),
        body.getInteger("households"), body.getInteger("people"), body.getString("property_at_risk"),
        body.getString("risk_level"), body.getString("status", "active"), plan == null ? null : plan.encode());
  }
}
