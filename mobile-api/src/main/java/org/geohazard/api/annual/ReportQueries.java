package org.geohazard.api.annual;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geohazard.api.Statements;
import org.geohazard.api.Times;

/** Runs the report's SQL for a county and a year: a figure's value, its rows, and the tables behind the charts. */
final class ReportQueries {
  private static final Pattern NAMED = Pattern.compile("(?<!:):(county|from|to|first_day|next_first_day)\\b");

  /** The county and year a report is about. */
  record Scope(String county, int year) {
    Object value(String name) {
      return switch (name) {
        case "county" -> county;
        case "from" -> Timestamp.from(Times.yearStart(year));
        case "to" -> Timestamp.from(Times.yearStart(year + 1));
        case "first_day" -> Date.valueOf(LocalDate.of(year, 1, 1));
        case "next_first_day" -> Date.valueOf(LocalDate.of(year + 1, 1, 1));
        default -> throw new IllegalArgumentException(name);
      };
    }
  }

  /** Rows of a figure, as column names and values. */
  record Rows(List<String> columns, JsonArray rows) {
  }

  private ReportQueries() {
  }

  static long value(Connection c, ReportFigure figure, Scope scope) throws SQLException {
    String sql = (figure.summed() ? "SELECT coalesce(sum(x.amount), 0)" : "SELECT count(*)") + " FROM ("
        + figure.rows() + ") x";
    try (PreparedStatement s = prepare(c, sql, scope); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  static Rows rows(Connection c, ReportFigure figure, Scope scope, int limit) throws SQLException {
    return select(c, "SELECT * FROM (" + figure.rows() + ") x LIMIT " + limit, scope);
  }

  /** Any SELECT over the named parameters, as columns and rows of JSON values. */
  static Rows select(Connection c, String sql, Scope scope) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, scope); ResultSet r = s.executeQuery()) {
      ResultSetMetaData meta = r.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      JsonArray rows = new JsonArray();
      while (r.next()) {
        JsonArray row = new JsonArray();
        for (int i = 1; i <= columns.size(); i++) {
          row.add(json(r.getObject(i)));
        }
        rows.add(row);
      }
      return new Rows(columns, rows);
    }
  }

  /** The rows as objects keyed by column. */
  static List<JsonObject> objects(Rows rows) {
    List<JsonObject> objects = new ArrayList<>();
    for (int i = 0; i < rows.rows().size(); i++) {
      JsonArray row = rows.rows().getJsonArray(i);
      JsonObject object = new JsonObject();
      for (int j = 0; j < rows.columns().size(); j++) {
        object.put(rows.columns().get(j), row.getValue(j));
      }
      objects.add(object);
    }
    return objects;
  }

  private static Object json(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant().atOffset(Times.CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.math.BigDecimal b) {
      return b.doubleValue();
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof String || value == null) {
      return value;
    }
    return value.toString();
  }

  private static PreparedStatement prepare(Connection c, String sql, Scope scope) throws SQLException {
    Matcher m = NAMED.matcher(sql);
    List<Object> values = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    while (m.find()) {
      values.add(scope.value(m.group(1)));
      m.appendReplacement(plain, "?");
    }
    m.appendTail(plain);
    return Statements.prepare(c, plain.toString(), values);
  }
}
