package org.geohazard.api.monitors;

/** The two kinds of record in a point's ledger; each may carry photos. */
enum Ledger {
  PATROL("patrol", "patrol_id", "patrol", "/api/v1/patrols/"),
  REPORT("danger_report", "report_id", "danger report", "/api/v1/reports/");

  /** The table and the photo table's column naming it: constants of this code, never user input. */
  final String table;
  final String photoColumn;
  final String noun;
  final String path;

  Ledger(String table, String photoColumn, String noun, String path) {
    this.table = table;
    this.photoColumn = photoColumn;
    this.noun = noun;
    this.path = path;
  }
}
