package org.geohazard.api.points;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.registry.zones.ZoneException;

/**
 * A hazard point as an administrator sends it (the contract has checked types, bounds and unknown fields), made into
 * the registry's point, whose threatened zone is checked against the point's location as a registry file's is.
 */
final class PointInput {
  private PointInput() {
  }

  static RegistrySpec.Point from(String code, JsonObject body) {
    JsonObject location = body.getJsonObject("location");
    try {
      return RegistrySpec.Point.of(code, body.getString("name"), body.getString("type"), location.getDouble("lat"),
          location.getDouble("lon"), body.getString("county"), body.getString("township"), body.getString("village"),
          body.getJsonObject("threatened_zone"), body.getInteger("households"), body.getInteger("people"),
          body.getString("property_at_risk"), body.getString("risk_level"), body.getString("status", "active"),
          body.getJsonObject("evacuation_plan"), List.of());
    } catch (ZoneException e) {
      throw ApiException.invalid("invalid-zone", "Invalid threatened zone", e.getMessage());
    }
  }
}
