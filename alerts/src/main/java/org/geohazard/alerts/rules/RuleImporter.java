package org.geohazard.alerts.rules;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;

/**
 * Imports the {@code rules} of each point in a registry ({@link RegistrySpec#rules()}). Re-runnable: rules are matched by (point, name);
 * a rule no longer in the file for a point that is in the file is disabled, keeping its alerts' history. One
 * transaction; every channel a rule reads must be registered.
 */
public final class RuleImporter {
  private static final String UPSERT = """
      INSERT INTO warning_rule (point_code, name, definition, enabled, updated_at) VALUES (?, ?, ?::jsonb, true, now())
      ON CONFLICT (point_code, name) DO UPDATE SET definition = EXCLUDED.definition, enabled = true,
          updated_at = now()""";
  private static final String DISABLE_OTHERS =
      "UPDATE warning_rule SET enabled = false, updated_at = now() WHERE point_code = ? AND NOT (name = ANY (?))";
  private static final String SENSOR_EXISTS = """
      SELECT 1 FROM sensor s JOIN device d ON d.id = s.device_id
      WHERE d.point_code = ? AND s.device_id = ? AND s.channel = ?""";

  private RuleImporter() {
  }

  /** Imports each point's rules (every point of a registry, by code); returns how many rules are enabled. */
  public static int importRules(Connection connection, Map<String, JsonArray> rulesByPoint) throws SQLException {
    return Database.inTransaction(connection, c -> {
      int count = 0;
      for (Map.Entry<String, JsonArray> point : rulesByPoint.entrySet()) {
        String code = point.getKey();
        JsonArray rules = point.getValue();
        List<RuleDefinition> definitions = RuleParser.parse(code, rules);
        checkChannels(c, code, definitions);
        List<String> names = new ArrayList<>();
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
          for (int r = 0; r < rules.size(); r++) {
            upsert.setString(1, code);
            upsert.setString(2, definitions.get(r).name());
            upsert.setString(3, rules.getJsonObject(r).encode());
            upsert.addBatch();
            names.add(definitions.get(r).name());
          }
          upsert.executeBatch();
        }
        try (PreparedStatement disable = c.prepareStatement(DISABLE_OTHERS)) {
          disable.setString(1, code);
          disable.setArray(2, c.createArrayOf("text", names.toArray()));
          disable.executeUpdate();
        }
        count += names.size();
      }
      return count;
    });
  }

  /** Fails with a {@link RuleException} naming the rule when a channel it reads is not registered at the point. */
  public static void checkChannels(Connection c, String point, List<RuleDefinition> definitions)
      throws SQLException {
    try (PreparedStatement exists = c.prepareStatement(SENSOR_EXISTS)) {
      for (RuleDefinition definition : definitions) {
        for (RuleDefinition.ChannelRef ref : definition.channels()) {
          exists.setString(1, point);
          exists.setString(2, ref.device());
          exists.setString(3, ref.channel());
          try (ResultSet rows = exists.executeQuery()) {
            if (!rows.next()) {
              throw new RuleException("point " + point + " rule " + definition.name() + ": channel " + ref
                  + " is not a registered channel of a device at this point");
            }
          }
        }
      }
    }
  }
}
