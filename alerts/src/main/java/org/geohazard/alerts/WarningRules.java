package org.geohazard.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.engine.RuleRepository;
import org.geohazard.alerts.roster.RosterImporter;
import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleException;
import org.geohazard.alerts.rules.RuleImporter;
import org.geohazard.alerts.rules.RuleParser;
import org.geohazard.registry.RegistrySpec;

/**
 * The warning engine's port for what configures it: the rules of a registry and the admin API's single rules, and
 * the roster. A definition is read by the same parser the engine evaluates with, so what is accepted here runs there.
 */
public final class WarningRules {
  private WarningRules() {
  }

  /** A registry's rules, every point's (a point's rules no longer listed are disabled); returns how many are on. */
  public static int importRules(Connection c, Map<String, JsonArray> rulesByPoint) throws SQLException {
    return RuleImporter.importRules(c, rulesByPoint);
  }

  /** A registry's duty roster; returns the shifts imported. */
  public static int importRoster(Connection c, List<RegistrySpec.Shift> shifts) throws SQLException {
    return RosterImporter.importRoster(c, shifts);
  }

  /** One rule of a point, read and validated; a {@link RuleException} says what is wrong. */
  public static RuleDefinition parse(String point, JsonObject definition) {
    return RuleParser.parse(point, definition);
  }

  /** All the rules of a point together (names unique, combinations naming rules that exist). */
  public static List<RuleDefinition> parseAll(String point, JsonArray definitions) {
    return RuleParser.parse(point, definitions);
  }

  /** Fails with a {@link RuleException} naming the rule when a channel it reads is not registered at the point. */
  public static void checkChannels(Connection c, String point, List<RuleDefinition> definitions)
      throws SQLException {
    RuleImporter.checkChannels(c, point, definitions);
  }

  /** Holds the point's rules against evaluation until the transaction ends, so a change is never half seen. */
  public static void lockPoint(Connection c, String point) throws SQLException {
    RuleRepository.lockPoint(c, point);
  }
}
