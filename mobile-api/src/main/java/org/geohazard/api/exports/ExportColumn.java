package org.geohazard.api.exports;

/**
 * One column of an export: its stable name (the CSV header and the JSON {@code columns}), its type, and the SQL that
 * gives its value over the dataset's rows. What each one means, and its unit, is in {@code docs/export.md}.
 */
record ExportColumn(String name, ColumnType type, String sql) {
  static ExportColumn text(String name, String sql) {
    return new ExportColumn(name, ColumnType.TEXT, sql);
  }

  static ExportColumn integer(String name, String sql) {
    return new ExportColumn(name, ColumnType.INTEGER, sql);
  }

  static ExportColumn number(String name, String sql) {
    return new ExportColumn(name, ColumnType.NUMBER, sql);
  }

  static ExportColumn bool(String name, String sql) {
    return new ExportColumn(name, ColumnType.BOOLEAN, sql);
  }

  static ExportColumn time(String name, String sql) {
    return new ExportColumn(name, ColumnType.TIME, sql);
  }

  static ExportColumn date(String name, String sql) {
    return new ExportColumn(name, ColumnType.DATE, sql);
  }
}
