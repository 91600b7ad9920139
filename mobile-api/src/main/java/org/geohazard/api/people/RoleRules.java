package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.geohazard.api.problem.ApiException;

/**
 * The scope each role is held in: admin none; duty_officer and leader a county; monitor, responsible_person and
 * resident a hazard point that exists.
 */
final class RoleRules {
  private RoleRules() {
  }

  static List<PeopleRepository.Grant> grants(Connection c, JsonArray roles) throws SQLException {
    LinkedHashSet<PeopleRepository.Grant> grants = new LinkedHashSet<>();
    for (int i = 0; i < roles.size(); i++) {
      JsonObject role = roles.getJsonObject(i);
      String name = role.getString("role");
      String county = role.getString("county");
      String point = role.getString("point");
      String where = "roles[" + i + "] (" + name + ")";
      switch (name) {
        case "admin" -> require(county == null && point == null, where + " is held everywhere: give no county or point");
        case "duty_officer", "leader" -> require(county != null && point == null,
            where + " is held in a county: give county and no point");
        default -> require(point != null && county == null, where + " is held at a hazard point: give point and no county");
      }
      if (point != null && !PeopleRepository.pointExists(c, point)) {
        throw ApiException.invalid("unknown-point", "Unknown hazard point", where + ": there is no hazard point "
            + point);
      }
      grants.add(new PeopleRepository.Grant(name, county == null ? "" : county, point == null ? "" : point));
    }
    return new ArrayList<>(grants);
  }

  private static void require(boolean ok, String detail) {
    if (!ok) {
      throw ApiException.invalid("invalid-role-scope", "Role in the wrong scope", detail);
    }
  }
}
