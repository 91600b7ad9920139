package org.geohazard.api.exports;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.geohazard.api.Times;

/**
 * The types of an export's columns, as {@code docs/export.md} names them: how a value is read from its row, given in
 * JSON (a string, a number, a boolean or null) and written in a CSV field (null: an empty field). Times are China
 * Standard Time to the second ({@code 2026-07-10T03:00:00+08:00}), dates {@code 2026-07-10}.
 */
enum ColumnType {
  TEXT, INTEGER, NUMBER, BOOLEAN, TIME, DATE;

  private static final DateTimeFormatter TIMES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  /** The value of the row's column, as JSON gives it. */
  Object read(ResultSet r, int column) throws SQLException {
    Object value = switch (this) {
      case TEXT -> r.getString(column);
      case INTEGER -> r.getLong(column);
      case NUMBER -> r.getDouble(column);
      case BOOLEAN -> r.getBoolean(column);
      case TIME -> time(r.getTimestamp(column));
      case DATE -> date(r.getObject(column, LocalDate.class));
    };
    return r.wasNull() ? null : value;
  }

  /** The value as a CSV field holds it, before quoting. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double number) {
      return BigDecimal.valueOf(number).toPlainString();
    }
    return value.toString();
  }

  /** The name the documentation gives the type. */
  String documented() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A time as the export gives it: China Standard Time, to the second. */
  static String time(Instant instant) {
    return instant.atOffset(Times.CHINA).format(TIMES);
  }

  private static String time(Timestamp timestamp) {
    return timestamp == null ? null : time(timestamp.toInstant());
  }

  private static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
