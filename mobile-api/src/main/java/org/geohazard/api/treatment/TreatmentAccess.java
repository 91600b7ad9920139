package org.geohazard.api.treatment;

/**
 * Who may see and record the engineering treatment and strike-off of a hazard point, as SQL over {@code person_role}
 * for a row {@code t} with a {@code point_code} (parameter: the person): administrators everything; the duty officers
 * of the point's county record, they and its leaders see; the point's monitors and responsible persons see.
 */
final class TreatmentAccess {
  static final String SEE = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point p ON p.code = t.point_code WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = t.point_code)))""";
  static final String RECORD = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point p ON p.code = t.point_code WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = p.county)))""";

  private TreatmentAccess() {
  }
}
