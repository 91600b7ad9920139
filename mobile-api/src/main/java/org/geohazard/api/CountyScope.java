package org.geohazard.api;

/**
 * Who may see and keep the records a county's duty room keeps (houses, sessions, events, campaigns, the year's
 * report), as SQL over {@code person_role} for a record whose alias is given and which has a {@code county} (its one
 * parameter: the person). Used with {@link RowScopes}.
 */
public final class CountyScope {
  private CountyScope() {
  }

  /** Administrators, and the county's duty officers and leaders. */
  public static String dutyRoom(String alias) {
    return "EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ? AND (r.role = 'admin'"
        + " OR (r.role IN ('duty_officer', 'leader') AND r.county = " + alias + ".county)))";
  }

  /** Administrators, and the county's duty officers. */
  public static String dutyOfficers(String alias) {
    return "EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ? AND (r.role = 'admin'"
        + " OR (r.role = 'duty_officer' AND r.county = " + alias + ".county)))";
  }
}
