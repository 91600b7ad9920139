package org.geohazard.api.monitors;

import org.geohazard.api.alerts.Scope;

/** The two kinds of record in a point's ledger; each may carry photos. */
enum Ledger {
  PATROL("patrol", "patrol_id", "patrol", "/api/v1/patrols/", Scope.STAFF),
  /** A report is also its reporter's, who may be a resident (a report from the public). */
  REPORT("danger_report", "report_id", "danger report", "/api/v1/reports/", "(a.person_id = ? OR " + Scope.STAFF + ")");

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
