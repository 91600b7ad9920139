package org.geohazard.api.outreach;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.CountyScope;
import org.geohazard.api.Statements;
import org.geohazard.api.Times;

/**
 * Training and outreach sessions in the database, and who may see and record them, as SQL over {@code person_role}
 * for a session {@code o} (parameter: the person): administrators all; a county's duty officers record and see its
 * sessions, its leaders see them.
 */
final class OutreachQueries {
  static final String SEE = CountyScope.dutyRoom("o");
  static final String RECORD = CountyScope.dutyOfficers("o");
  /** More than a county holds in years; the totals count them all. */
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS =
      "o.id, o.county, o.kind, o.title, o.place, o.held_on, o.attendance, o.villages, o.notes, o.created_at";
  private static final String INSERT = """
      INSERT INTO outreach_session (county, kind, title, place, held_on, attendance, villages, notes, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String UPDATE = """
      UPDATE outreach_session SET county = ?, kind = ?, title = ?, place = ?, held_on = ?, attendance = ?,
          villages = ?, notes = ?, updated_at = now()
      WHERE id = ?""";

  /** A session as a duty officer gives it. */
  record NewSession(String county, String kind, String title, String place, LocalDate heldOn, int attendance,
      List<String> villages, String notes) {
  }

  /** Which sessions to list. */
  record Filter(String county, Integer year, String kind) {
  }

  /** The sessions listed, and the totals of all that match. */
  record Listing(List<JsonObject> items, long sessions, long attendance, long villages) {
  }

  private OutreachQueries() {
  }

  static long insert(Connection c, NewSession session, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      bind(c, s, session);
      s.setLong(9, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static void update(Connection c, long id, NewSession session) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      bind(c, s, session);
      s.setLong(9, id);
      s.executeUpdate();
    }
  }

  private static void bind(Connection c, PreparedStatement s, NewSession session) throws SQLException {
    s.setString(1, session.county());
    s.setString(2, session.kind());
    s.setString(3, session.title());
    s.setString(4, session.place());
    s.setDate(5, Date.valueOf(session.heldOn()));
    s.setInt(6, session.attendance());
    s.setArray(7, c.createArrayOf("text", session.villages().toArray()));
    s.setString(8, session.notes());
  }

  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM outreach_session o WHERE o.id = ? AND " + SEE)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(session(r)) : Optional.empty();
      }
    }
  }

  static Listing list(Connection c, long person, Filter filter) throws SQLException {
    StringBuilder where = new StringBuilder(" FROM outreach_session o WHERE " + SEE);
    List<Object> values = new ArrayList<>(List.of(person));
    if (filter.county() != null) {
      where.append(" AND o.county = ?");
      values.add(filter.county());
    }
    if (filter.year() != null) {
      where.append(" AND o.held_on >= ? AND o.held_on < ?");
      values.add(Date.valueOf(LocalDate.of(filter.year(), 1, 1)));
      values.add(Date.valueOf(LocalDate.of(filter.year() + 1, 1, 1)));
    }
    if (filter.kind() != null) {
      where.append(" AND o.kind = ?");
      values.add(filter.kind());
    }
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, "SELECT " + COLUMNS + where + " ORDER BY o.held_on DESC, o.id DESC LIMIT "
        + MAX_LISTED, values); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        items.add(session(r));
      }
    }
    try (PreparedStatement s = Statements.prepare(c, "WITH m AS (SELECT o.attendance, o.villages" + where + ")"
        + " SELECT (SELECT count(*) FROM m), (SELECT coalesce(sum(attendance), 0) FROM m),"
        + " (SELECT count(DISTINCT v) FROM m, unnest(m.villages) v)", values);
        ResultSet r = s.executeQuery()) {
      r.next();
      return new Listing(items, r.getLong(1), r.getLong(2), r.getLong(3));
    }
  }


  private static JsonObject session(ResultSet r) throws SQLException {
    return new JsonObject().put("id", r.getLong(1)).put("county", r.getString(2)).put("kind", r.getString(3))
        .put("title", r.getString(4)).put("place", r.getString(5))
        .put("held_on", r.getDate(6).toLocalDate().toString()).put("attendance", r.getInt(7))
        .put("villages", new JsonArray(Arrays.asList((Object[]) r.getArray(8).getArray())))
        .put("notes", r.getString(9)).put("created_at", Times.text(r.getTimestamp(10)));
  }
}
