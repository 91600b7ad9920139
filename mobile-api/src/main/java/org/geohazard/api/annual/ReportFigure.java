package org.geohazard.api.annual;

/**
 * One figure of the year-end report, defined by the rows it counts: {@code rows} is a SELECT over the county
 * ({@code :county}) and the year ({@code :from}, {@code :to} as instants in China Standard Time, {@code :first_day},
 * {@code :next_first_day} as dates) whose rows are what a leader checks. The figure is their number, or the sum of
 * their {@code amount} column when {@code summed}. The report and its rows come from the same SQL, so they agree.
 */
record ReportFigure(String key, String section, String label, String unit, boolean summed, String rows) {
  static ReportFigure counted(String key, String section, String label, String unit, String rows) {
    return new ReportFigure(key, section, label, unit, false, rows);
  }

  static ReportFigure summed(String key, String section, String label, String unit, String rows) {
    return new ReportFigure(key, section, label, unit, true, rows);
  }
}
