package org.geohazard.api.houses;

import org.geohazard.api.CountyScope;

/**
 * Who may see and do what with an at-risk house {@code h}, as SQL over {@code person_role} (parameter: the person):
 * administrators everything; a county's duty officers register and inspect its houses, its leaders see them; a
 * point's monitors and responsible persons see and inspect the houses that belong to it. Residents see none.
 */
public final class HouseAccess {
  public static final String SEE = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = h.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = h.point_code)))""";
  static final String REGISTER = CountyScope.dutyOfficers("h");
  public static final String INSPECT = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = h.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = h.point_code)))""";

  /** The rule for the house of a record (its alias) that has a {@code house_id}. */
  public static String onHouseOf(String alias, String rule) {
    return "EXISTS (SELECT 1 FROM at_risk_house h WHERE h.id = " + alias + ".house_id AND " + rule + ")";
  }

  private HouseAccess() {
  }
}
