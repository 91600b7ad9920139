package org.geohazard.api.alerts;

/**
 * The warning levels in SQL, one way for every query that counts or shows how high an alert went: a level's severity
 * (blue 1 to red 4) and the highest level an alert {@code a} reached (its raised and level-up events, and its level
 * now).
 */
public final class AlertLevels {
  /** The level of a severity 1 to 4, as a SQL array indexed by it. */
  private static final String BY_SEVERITY = "(ARRAY['blue', 'yellow', 'orange', 'red'])";
  /** The highest level alert {@code a} reached; null for an alert without one (device health). */
  public static final String PEAK = "(SELECT " + BY_SEVERITY + "[greatest(max(" + severity("e.level") + "), "
      + severity("a.level") + ")] FROM alert_event e WHERE e.alert_id = a.id AND e.type IN ('raised', 'level_up'))";

  private AlertLevels() {
  }

  /** The severity 1 (blue) to 4 (red) of a SQL expression giving a level; null for none. */
  public static String severity(String level) {
    return "CASE " + level + " WHEN 'blue' THEN 1 WHEN 'yellow' THEN 2 WHEN 'orange' THEN 3 WHEN 'red' THEN 4 END";
  }

  /** The highest of the levels a SQL aggregate runs over (an aggregate expression: use it with GROUP BY or alone). */
  public static String highest(String level) {
    return BY_SEVERITY + "[max(" + severity(level) + ")]";
  }
}
