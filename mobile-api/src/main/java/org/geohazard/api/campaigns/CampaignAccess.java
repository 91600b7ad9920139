package org.geohazard.api.campaigns;

import org.geohazard.api.CountyScope;

/**
 * Who may see and do what with a survey campaign, as SQL over {@code person_role} (parameter: the person):
 * administrators everything; a county's duty officers plan its campaigns, they and its leaders see them; the monitors
 * and responsible persons of a point a campaign covers (itself or through a house of it) see the campaign and
 * inspect those targets.
 */
public final class CampaignAccess {
  /** Targets {@code g} of a campaign {@code k} that lie at a point: the point itself, or a house's point. */
  private static final String TARGET_POINT = "coalesce(g.point_code, (SELECT h.point_code FROM at_risk_house h"
      + " WHERE h.id = g.house_id))";
  /** For a campaign {@code k}. */
  static final String SEE = """
      EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = k.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code IN (
                       SELECT %s FROM campaign_target g WHERE g.campaign_id = k.id))))""".formatted(TARGET_POINT);
  /** For a campaign {@code k}, or a county {@code k.county} before it has one. */
  static final String PLAN = CountyScope.dutyOfficers("k");
  /** For a target {@code g}: its campaign's county's duty officers, the monitors of its point. */
  public static final String INSPECT = """
      EXISTS (SELECT 1 FROM person_role r JOIN survey_campaign k ON k.id = g.campaign_id WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role = 'duty_officer' AND r.county = k.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = %s)))""".formatted(TARGET_POINT);
  /** For a target {@code g}: what of a campaign a person sees. */
  public static final String SEE_TARGET = """
      EXISTS (SELECT 1 FROM person_role r JOIN survey_campaign k ON k.id = g.campaign_id WHERE r.person_id = ?
              AND (r.role = 'admin' OR (r.role IN ('duty_officer', 'leader') AND r.county = k.county)
                   OR (r.role IN ('monitor', 'responsible_person') AND r.point_code = %s)))""".formatted(TARGET_POINT);
  /** For a proposal {@code k} (it has a county): administrators decide, the county's duty room sees. */
  static final String SEE_PROPOSAL = CountyScope.dutyRoom("k");

  /** The rule for the target of a record (its alias) that has a {@code target_id}. */
  public static String onTargetOf(String alias, String rule) {
    return "EXISTS (SELECT 1 FROM campaign_target g WHERE g.id = " + alias + ".target_id AND " + rule + ")";
  }

  private CampaignAccess() {
  }
}
