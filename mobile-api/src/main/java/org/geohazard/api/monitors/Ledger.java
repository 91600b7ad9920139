package org.geohazard.api.monitors;

import org.geohazard.api.alerts.Scope;
import org.geohazard.api.campaigns.CampaignAccess;
import org.geohazard.api.houses.HouseAccess;

/**
 * The kinds of record that carry photos: a point's patrols and danger reports, inspections of at-risk houses and of
 * survey campaigns' targets.
 */
public enum Ledger {
  PATROL("patrol", "patrol_id", "patrol", "/api/v1/patrols/", Scope.STAFF),
  /** A report is also its reporter's, who may be a resident (a report from the public). */
  REPORT("danger_report", "report_id", "danger report", "/api/v1/reports/", "(a.person_id = ? OR " + Scope.STAFF + ")"),
  /** An inspection is seen by whoever sees its house. */
  HOUSE_INSPECTION("house_inspection", "house_inspection_id", "house inspection", "/api/v1/house-inspections/",
      HouseAccess.onHouseOf("a", HouseAccess.SEE)),
  /** A campaign's inspection is seen by whoever sees its target. */
  CAMPAIGN_INSPECTION("campaign_inspection", "campaign_inspection_id", "campaign inspection",
      "/api/v1/campaign-inspections/", CampaignAccess.onTargetOf("a", CampaignAccess.SEE_TARGET));

  /** The table and the photo table's column naming it: constants of this code, never user input. */
  final String table;
  final String photoColumn;
  final String noun;
  final String path;
  /** Who may see a record {@code a}, as SQL whose every parameter is the person. */
  final String visible;

  Ledger(String table, String photoColumn, String noun, String path, String visible) {
    this.table = table;
    this.photoColumn = photoColumn;
    this.noun = noun;
    this.path = path;
    this.visible = visible;
  }
}
