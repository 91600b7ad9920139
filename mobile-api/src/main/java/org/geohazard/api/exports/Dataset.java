package org.geohazard.api.exports;

import java.util.List;

/**
 * What one dataset exports: its rows ({@code from}, with {@code where} when some are left out), the county each row
 * belongs to, the time that places a row in a year (null: the register as it stands, no year), the order of the rows
 * and the columns, in the order the file gives them.
 */
record Dataset(String name, String from, String where, String county, String time, String order,
    List<ExportColumn> columns) {
  boolean yearly() {
    return time != null;
  }

  List<String> columnNames() {
    return columns.stream().map(ExportColumn::name).toList();
  }
}
