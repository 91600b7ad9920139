package org.geohazard.alerts.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geohazard.alerts.rules.RuleImporter;
import org.yaml.snakeyaml.Yaml;

/** Rules of points already registered, written as the registry file's {@code points: [{code, rules}]} alone. */
public final class RuleFixtures {
  private RuleFixtures() {
  }

  public static int importRules(Connection connection, String pointsYaml) throws SQLException {
    JsonArray points = new JsonObject(new Yaml().<Map<String, Object>>load(pointsYaml)).getJsonArray("points");
    Map<String, JsonArray> rules = new LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      JsonObject point = points.getJsonObject(i);
      rules.put(point.getString("code"), point.getJsonArray("rules", new JsonArray()));
    }
    return RuleImporter.importRules(connection, rules);
  }
}
