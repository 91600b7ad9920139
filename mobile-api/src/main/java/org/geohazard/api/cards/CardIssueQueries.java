package org.geohazard.api.cards;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Times;

/**
 * Cards handed over, in the database: each with the text as it was printed, and who of a point's monitors and
 * residents holds no card yet. Scopes in {@link CardAccess}.
 */
final class CardIssueQueries {
  /** More than a point's people get in years. */
  private static final int MAX_LISTED = 1_000;
  private static final String INSERT = """
      INSERT INTO card_issue (kind, point_code, person_id, card_text, issued_on, handed_over_by, recorded_by)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String ISSUES = """
      SELECT i.id, i.kind, i.point_code, i.person_id, h.name, i.issued_on, i.handed_over_by, b.name, i.recorded_by,
             i.created_at, i.card_text
      FROM card_issue i JOIN person h ON h.id = i.person_id JOIN person b ON b.id = i.handed_over_by
      WHERE i.point_code = ? AND (?::text IS NULL OR i.kind = ?) AND (?::bigint IS NULL OR i.id = ?)
      ORDER BY i.issued_on DESC, i.id DESC LIMIT""" + " " + MAX_LISTED;
  private static final String LAST = """
      SELECT i.id, i.issued_on, i.handed_over_by, b.name, i.card_text
      FROM card_issue i JOIN person b ON b.id = i.handed_over_by
      WHERE i.point_code = ? AND i.kind = ? AND i.person_id = ? ORDER BY i.issued_on DESC, i.id DESC LIMIT 1""";
  /** The holders of each kind of card at the point; parameters: the point, twice. */
  private static final String HOLDERS = """
      WITH k (kind, role) AS (VALUES ('work', 'monitor'), ('avoidance', 'resident')),
      h AS (SELECT k.kind, pe.id, pe.name, pe.phone,
                   EXISTS (SELECT 1 FROM card_issue i WHERE i.point_code = ? AND i.kind = k.kind
                           AND i.person_id = pe.id) AS has_card
            FROM k JOIN person pe ON EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = pe.id
                                             AND r.role = k.role AND r.point_code = ?))""";
  private static final String COUNTS = HOLDERS + """

      SELECT k.kind, count(h.id), count(h.id) FILTER (WHERE NOT h.has_card)
      FROM k LEFT JOIN h ON h.kind = k.kind GROUP BY k.kind""";
  private static final String WAITING = HOLDERS + """

      SELECT kind, id, name, phone FROM h WHERE NOT has_card ORDER BY kind DESC, name, id LIMIT""" + " " + MAX_LISTED;

  /** A card handed over, as recorded. */
  record NewIssue(CardKind kind, String point, long person, String text, LocalDate issuedOn, long handedOverBy) {
  }

  private CardIssueQueries() {
  }

  static long insert(Connection c, NewIssue issue, long recordedBy) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, issue.kind().key());
      s.setString(2, issue.point());
      s.setLong(3, issue.person());
      s.setString(4, issue.text());
      s.setDate(5, Date.valueOf(issue.issuedOn()));
      s.setLong(6, issue.handedOverBy());
      s.setLong(7, recordedBy);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The cards handed over at the point, of a kind when given, or the one with that id; newest first. */
  static List<JsonObject> list(Connection c, String point, CardKind kind, Long id) throws SQLException {
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(ISSUES)) {
      String key = kind == null ? null : kind.key();
      s.setString(1, point);
      s.setString(2, key);
      s.setString(3, key);
      s.setObject(4, id, Types.BIGINT);
      s.setObject(5, id, Types.BIGINT);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject().put("id", r.getLong(1)).put("kind", r.getString(2)).put("point", r.getString(3))
              .put("person", person(r.getLong(4), r.getString(5)))
              .put("issued_on", r.getDate(6).toLocalDate().toString())
              .put("handed_over_by", person(r.getLong(7), r.getString(8))).put("recorded_by", r.getLong(9))
              .put("created_at", Times.text(r.getTimestamp(10))).put("card_text", r.getString(11)));
        }
      }
    }
    return items;
  }

  /** The last card of the kind handed to the person at the point, and whether it still reads as the card now. */
  static Optional<JsonObject> last(Connection c, CardKind kind, String point, long person, String textNow)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LAST)) {
      s.setString(1, point);
      s.setString(2, kind.key());
      s.setLong(3, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new JsonObject().put("id", r.getLong(1))
            .put("issued_on", r.getDate(2).toLocalDate().toString())
            .put("handed_over_by", person(r.getLong(3), r.getString(4)))
            .put("up_to_date", r.getString(5).equals(textNow))) : Optional.empty();
      }
    }
  }

  /** Per kind, how many of the point's people hold that card and how many of them got none yet. */
  static JsonObject counts(Connection c, String point) throws SQLException {
    JsonObject counts = new JsonObject();
    try (PreparedStatement s = c.prepareStatement(COUNTS)) {
      s.setString(1, point);
      s.setString(2, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), new JsonObject().put("holders", r.getLong(2)).put("without_card", r.getLong(3)));
        }
      }
    }
    return counts;
  }

  /** The point's monitors and residents who got no card of theirs yet. */
  static JsonArray waiting(Connection c, String point) throws SQLException {
    JsonArray waiting = new JsonArray();
    try (PreparedStatement s = c.prepareStatement(WAITING)) {
      s.setString(1, point);
      s.setString(2, point);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          waiting.add(new JsonObject().put("kind", r.getString(1)).put("person", person(r.getLong(2), r.getString(3))
              .put("phone", r.getString(4))));
        }
      }
    }
    return waiting;
  }

  private static JsonObject person(long id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }
}
