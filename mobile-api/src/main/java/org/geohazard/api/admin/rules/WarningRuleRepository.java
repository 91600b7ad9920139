package org.geohazard.api.admin.rules;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.alerts.WarningRules;
import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.domain.WarningLevel;

/** A point's warning rules with their current level, as the administrators maintain them. */
public final class WarningRuleRepository {
  private static final String COLUMNS = """
      SELECT r.id, r.point_code, r.name, r.enabled, r.definition, r.updated_at, s.severity, s.evaluated_to
      FROM warning_rule r LEFT JOIN rule_state s ON s.rule_id = r.id""";
  private static final String LIST = COLUMNS
      + " WHERE r.point_code = ? AND (CAST(? AS bigint) IS NULL OR r.id > ?) ORDER BY r.id LIMIT ?";
  private static final String FIND = COLUMNS + " WHERE r.point_code = ? AND r.name = ?";
  private static final String STORED =
      "SELECT id, name, enabled, definition FROM warning_rule WHERE point_code = ? ORDER BY id";
  private static final String UPSERT = """
      INSERT INTO warning_rule (point_code, name, definition, enabled, updated_at) VALUES (?, ?, ?::jsonb, true, now())
      ON CONFLICT (point_code, name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()""";
  private static final String SET_ENABLED =
      "UPDATE warning_rule SET enabled = ?, updated_at = now() WHERE point_code = ? AND name = ?";
  private static final String DELETE = "DELETE FROM warning_rule WHERE point_code = ? AND name = ?";

  /** A rule as stored: its definition is the JSON the registry file or the API gave. */
  record StoredRule(long id, String name, boolean enabled, JsonObject definition) {
  }

  private WarningRuleRepository() {
  }

  static List<JsonObject> list(Connection c, String point, Long after, int limit) throws SQLException {
    List<JsonObject> rules = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LIST)) {
      s.setString(1, point);
      s.setObject(2, after, java.sql.Types.BIGINT);
      s.setObject(3, after, java.sql.Types.BIGINT);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rules.add(rule(r));
        }
      }
    }
    return rules;
  }

  static Optional<JsonObject> find(Connection c, String point, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, point);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(rule(r)) : Optional.empty();
      }
    }
  }

  /** Every rule of the point, enabled or not, in the order the evaluator works them out. */
  static List<StoredRule> stored(Connection c, String point) throws SQLException {
    List<StoredRule> rules = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(STORED)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rules.add(new StoredRule(r.getLong(1), r.getString(2), r.getBoolean(3), new JsonObject(r.getString(4))));
        }
      }
    }
    return rules;
  }

  /** Inserts a rule (enabled) or replaces the definition of an existing one, which keeps its state and flag. */
  static void upsert(Connection c, String point, String name, JsonObject definition) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT)) {
      s.setString(1, point);
      s.setString(2, name);
      s.setString(3, definition.encode());
      s.executeUpdate();
    }
  }

  static boolean setEnabled(Connection c, String point, String name, boolean enabled) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_ENABLED)) {
      s.setBoolean(1, enabled);
      s.setString(2, point);
      s.setString(3, name);
      return s.executeUpdate() == 1;
    }
  }

  /** Deletes the rule; its state goes with it (rule_state cascades). */
  static boolean delete(Connection c, String point, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DELETE)) {
      s.setString(1, point);
      s.setString(2, name);
      return s.executeUpdate() == 1;
    }
  }

  /** The enabled rules of the point that read a channel of the device. */
  public static List<String> readersOf(Connection c, String point, String device) throws SQLException {
    List<String> readers = new ArrayList<>();
    for (StoredRule rule : stored(c, point)) {
      if (rule.enabled() && parsed(point, rule).map(d -> d.channels().stream()
          .anyMatch(ref -> ref.device().equals(device))).orElse(false)) {
        readers.add(rule.name());
      }
    }
    return readers;
  }

  /** The stored rule's definition, or empty for one that does not parse. */
  static Optional<RuleDefinition> parsed(String point, StoredRule rule) {
    try {
      return Optional.of(WarningRules.parse(point, rule.definition()));
    } catch (RuleException e) {
      return Optional.empty();
    }
  }

  private static JsonObject rule(ResultSet r) throws SQLException {
    Object severity = r.getObject(7);
    long evaluatedTo = r.getObject(8) == null ? -1 : r.getLong(8);
    return new JsonObject().put("id", r.getLong(1)).put("point", r.getString(2)).put("name", r.getString(3))
        .put("enabled", r.getBoolean(4)).put("definition", new JsonObject(r.getString(5)))
        .put("updated_at", r.getTimestamp(6).toInstant().toString())
        .put("level", severity == null ? null
            : WarningLevel.ofSeverity(((Number) severity).intValue()).map(WarningLevel::key).orElse(null))
        .put("evaluated_to", evaluatedTo < 0 ? null : Instant.ofEpochMilli(evaluatedTo).toString());
  }
}
