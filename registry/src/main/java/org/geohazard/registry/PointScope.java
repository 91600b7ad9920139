package org.geohazard.registry;

/**
 * Which hazard points a person may see, as SQL over {@code person_role}: administrators all; duty officers and
 * leaders the points of their counties; monitors, responsible persons and residents their own points. Residents
 * see a point and its plan, never its devices' health or readings ({@link #STAFF}).
 */
public final class PointScope {
  /** Parameter: person id; the point is {@code p}. */
  public static final String VISIBLE = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county)
                   OR (r.role IN ('monitor', 'responsible_person', 'resident') AND r.point_code = p.code)))""";

  /** The points whose devices and readings a person may see: as {@link #VISIBLE}, but never for residents. */
  public static final String STAFF = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = p.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = p.code)))""";

  private PointScope() {
  }
}
