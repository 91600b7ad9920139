package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.RegistryException;
import org.geohazard.registry.RegistrySpec;

/**
 * The scope each role is held in, as the registry has it ({@link RegistrySpec.RoleGrant#of}), at a hazard point that
 * exists.
 */
final class RoleRules {
  private RoleRules() {
  }

  static List<PeopleRepository.Grant> grants(Connection c, JsonArray roles) throws SQLException {
    LinkedHashSet<PeopleRepository.Grant> grants = new LinkedHashSet<>();
    for (int i = 0; i < roles.size(); i++) {
      JsonObject role = roles.getJsonObject(i);
      String name = role.getString("role");
      String where = "roles[" + i + "]";
      RegistrySpec.RoleGrant grant;
      try {
        grant = RegistrySpec.RoleGrant.of(name, role.getString("county"), role.getString("point"));
      } catch (RegistryException e) {
        throw ApiException.invalid("invalid-role-scope", "Role in the wrong scope", where + ": " + e.getMessage());
      }
      if (!grant.point().isEmpty() && !PeopleRepository.pointExists(c, grant.point())) {
        throw ApiException.invalid("unknown-point", "Unknown hazard point", where + " (" + name
            + "): there is no hazard point " + grant.point());
      }
      grants.add(new PeopleRepository.Grant(name, grant.county(), grant.point()));
    }
    return new ArrayList<>(grants);
  }
}
