package org.geohazard.api.alerts;

/**
 * Which hazard points a person may see, as SQL over {@code person_role}: administrators everything; duty officers and
 * leaders the points of their counties; monitors and responsible persons their points; residents the public alerts
 * (warnings and manual alerts, never device health) of their points.
 */
public final class Scope {
  /** Parameters: person id, then the alert's point code and kind columns are referenced as a.point_code, a.kind. */
  public static final String VISIBLE = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin'
                     OR (r.role IN ('duty_officer', 'leader') AND r.county = sp.county)
                     OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = sp.code)
                     OR (r.role = 'resident' AND r.point_code = sp.code AND a.kind <> 'device')))""";

  /** Who may answer an alert (叫应): duty officers and leaders of the county, the point's monitors, administrators. */
  public static final String MAY_ANSWER = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin'
                     OR (r.role IN ('duty_officer', 'leader') AND r.county = sp.county)
                     OR (r.role = 'monitor' AND r.point_code = sp.code)))""";

  /** Who may resolve an alert: duty officers and leaders of the county, administrators. */
  public static final String MAY_RESOLVE = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = sp.county)))""";

  /**
   * Who may see a point's ledger (patrols and danger reports) and file a danger report there: everybody who may see the
   * point except residents. The record's point code is a.point_code.
   */
  public static final String STAFF = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin'
                     OR (r.role IN ('duty_officer', 'leader') AND r.county = sp.county)
                     OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = sp.code)))""";

  /** Who may file a danger report at a point: its staff, and its residents (a report from the public). */
  public static final String MAY_REPORT = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin'
                     OR (r.role IN ('duty_officer', 'leader') AND r.county = sp.county)
                     OR (r.role IN ('monitor', 'responsible_person', 'resident') AND r.point_code = sp.code)))""";

  /** Who may record a patrol of a point: its monitors and responsible persons, administrators. */
  public static final String MAY_PATROL = """
      EXISTS (SELECT 1 FROM person_role r
              WHERE r.person_id = ?
                AND (r.role = 'admin'
                     OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = a.point_code)))""";

  /** Who keeps a point's records for its county (treatment, strike-off, plans): its duty officers, administrators. */
  public static final String DUTY_OFFICERS = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = sp.county)))""";

  /**
   * Who hands a point's cards over in the village and records it: its monitors and responsible persons, the county's
   * duty officers, administrators.
   */
  public static final String MAY_HAND_OVER = """
      EXISTS (SELECT 1 FROM person_role r JOIN hazard_point sp ON sp.code = a.point_code
              WHERE r.person_id = ?
                AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = sp.county)
                     OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = sp.code)))""";

  /** Who may check in on an alert (safe, evacuated, need help): the residents of its point. */
  public static final String MAY_CHECK_IN = """
      EXISTS (SELECT 1 FROM person_role r
              WHERE r.person_id = ? AND r.role = 'resident' AND r.point_code = a.point_code)""";

  private Scope() {
  }
}
