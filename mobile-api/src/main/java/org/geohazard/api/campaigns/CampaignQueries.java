package org.geohazard.api.campaigns;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.geohazard.api.Statements;
import org.geohazard.api.Times;
import org.geohazard.api.monitors.Ledger;
import org.geohazard.api.monitors.PhotoQueries;

/** Survey campaigns, their targets and coverage in the database; scopes in {@link CampaignAccess}. */
final class CampaignQueries {
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS =
      "k.id, k.county, k.kind, k.title, k.starts_on, k.ends_on, k.notes, k.created_at";
  /** The county's points a campaign can cover: listed ones, or struck off (delisted with a strike-off record). */
  private static final String ADD_POINTS = """
      INSERT INTO campaign_target (campaign_id, point_code, recheck)
      SELECT ?, p.code, p.status = 'delisted' FROM hazard_point p
      WHERE p.county = ? AND ((? AND p.status <> 'delisted') OR (? AND p.status = 'delisted'
            AND EXISTS (SELECT 1 FROM point_strike_off o WHERE o.point_code = p.code))
            OR p.code = ANY (?))
      ON CONFLICT DO NOTHING""";
  private static final String ADD_HOUSES = """
      INSERT INTO campaign_target (campaign_id, house_id)
      SELECT ?, h.id FROM at_risk_house h WHERE h.county = ? AND (? OR h.id = ANY (?))
      ON CONFLICT DO NOTHING""";
  /** Each target the person sees, with its township, place name and the state of its inspections. */
  private static final String TARGETS = """
      SELECT g.id, g.point_code, g.house_id, g.recheck, coalesce(p.township, h.township) AS township,
             coalesce(p.name, h.owner_name) AS name, i.inspections, i.last_at, i.danger
      FROM campaign_target g
      LEFT JOIN hazard_point p ON p.code = g.point_code
      LEFT JOIN at_risk_house h ON h.id = g.house_id
      LEFT JOIN LATERAL (SELECT count(*) AS inspections, max(ci.inspected_at) AS last_at,
                                bool_or(ci.danger_found) AS danger
                         FROM campaign_inspection ci WHERE ci.target_id = g.id) i ON true
      WHERE g.campaign_id = ? AND %s""".formatted(CampaignAccess.SEE_TARGET);

  /** A campaign as a duty officer plans it: what it covers, by category or one by one. */
  record NewCampaign(String county, String kind, String title, LocalDate startsOn, LocalDate endsOn, String notes,
      boolean allPoints, boolean struckOff, boolean allHouses, Set<String> points, Set<Long> houses) {
  }

  /** One target and the state of its inspections. */
  record Target(long id, String point, Long house, boolean recheck, String township, String name, long inspections,
      String lastAt, boolean danger) {
    JsonObject json() {
      return new JsonObject().put("id", id).put("point", point).put("house", house).put("recheck", recheck)
          .put("township", township).put("name", name).put("inspections", inspections).put("last_inspected_at",
              lastAt).put("state", inspections == 0 ? "not_yet" : danger ? "finding" : "done");
    }
  }

  private CampaignQueries() {
  }

  static long insert(Connection c, NewCampaign campaign, long person) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO survey_campaign (county, kind, title, starts_on,"
        + " ends_on, notes, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, campaign.county());
      s.setString(2, campaign.kind());
      s.setString(3, campaign.title());
      s.setDate(4, Date.valueOf(campaign.startsOn()));
      s.setDate(5, Date.valueOf(campaign.endsOn()));
      s.setString(6, campaign.notes());
      s.setLong(7, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement(ADD_POINTS)) {
      s.setLong(1, id);
      s.setString(2, campaign.county());
      s.setBoolean(3, campaign.allPoints());
      s.setBoolean(4, campaign.struckOff());
      s.setArray(5, c.createArrayOf("text", campaign.points().toArray()));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(ADD_HOUSES)) {
      s.setLong(1, id);
      s.setString(2, campaign.county());
      s.setBoolean(3, campaign.allHouses());
      s.setArray(4, c.createArrayOf("bigint", campaign.houses().toArray()));
      s.executeUpdate();
    }
    return id;
  }

  /** Points and houses named that are not the county's (or do not exist). */
  static List<String> foreign(Connection c, NewCampaign campaign) throws SQLException {
    List<String> foreign = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT x FROM unnest(?::text[]) x WHERE NOT EXISTS"
        + " (SELECT 1 FROM hazard_point p WHERE p.code = x AND p.county = ?)")) {
      s.setArray(1, c.createArrayOf("text", campaign.points().toArray()));
      s.setString(2, campaign.county());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          foreign.add("point " + r.getString(1));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT x FROM unnest(?::bigint[]) x WHERE NOT EXISTS"
        + " (SELECT 1 FROM at_risk_house h WHERE h.id = x AND h.county = ?)")) {
      s.setArray(1, c.createArrayOf("bigint", campaign.houses().toArray()));
      s.setString(2, campaign.county());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          foreign.add("house " + r.getLong(1));
        }
      }
    }
    return foreign;
  }

  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    List<JsonObject> found = campaigns(c, " WHERE k.id = ? AND " + CampaignAccess.SEE, id, person);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  static List<JsonObject> list(Connection c, long person, String county, Integer year) throws SQLException {
    return campaigns(c, " WHERE " + CampaignAccess.SEE + " AND (?::text IS NULL OR k.county = ?)"
        + " AND (?::int IS NULL OR extract(year FROM k.starts_on) = ?)", person, county, county, year, year);
  }

  private static List<JsonObject> campaigns(Connection c, String where, Object... values) throws SQLException {
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, "SELECT " + COLUMNS + " FROM survey_campaign k" + where
        + " ORDER BY k.starts_on DESC, k.id DESC LIMIT " + MAX_LISTED, Arrays.asList(values))) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject().put("id", r.getLong(1)).put("county", r.getString(2))
              .put("kind", r.getString(3)).put("title", r.getString(4))
              .put("starts_on", r.getDate(5).toLocalDate().toString())
              .put("ends_on", r.getDate(6).toLocalDate().toString()).put("notes", r.getString(7))
              .put("created_at", Times.text(r.getTimestamp(8))));
        }
      }
    }
    return items;
  }

  /** The targets of the campaign the person sees, in township and name order. */
  static List<Target> targets(Connection c, long person, long campaign) throws SQLException {
    return targets(c, person, campaign, null);
  }

  /** One target of the campaign, as the person sees it. */
  static Target target(Connection c, long person, long campaign, long target) throws SQLException {
    return targets(c, person, campaign, target).get(0);
  }

  private static List<Target> targets(Connection c, long person, long campaign, Long only) throws SQLException {
    List<Target> targets = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(TARGETS + " AND (?::bigint IS NULL OR g.id = ?)"
        + " ORDER BY township NULLS LAST, name, g.id")) {
      s.setLong(1, campaign);
      s.setLong(2, person);
      s.setObject(3, only, Types.BIGINT);
      s.setObject(4, only, Types.BIGINT);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          targets.add(new Target(r.getLong(1), r.getString(2), r.getObject(3, Long.class), r.getBoolean(4),
              r.getString(5), r.getString(6), r.getLong(7), Times.text(r.getTimestamp(8)), r.getBoolean(9)));
        }
      }
    }
    return targets;
  }

  /** The campaign a target belongs to, if there is such a target. */
  static Optional<Long> campaignOf(Connection c, long target) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT campaign_id FROM campaign_target WHERE id = ?")) {
      s.setLong(1, target);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** The inspections of a target, newest first, each with its inspector and photos. */
  static List<JsonObject> inspections(Connection c, long target) throws SQLException {
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ci.id, ci.inspected_at, ci.findings, ci.danger_found,"
        + " p.id, p.name, (SELECT k.id FROM point_proposal k WHERE k.inspection_id = ci.id)"
        + " FROM campaign_inspection ci JOIN person p ON p.id = ci.person_id WHERE ci.target_id = ?"
        + " ORDER BY ci.inspected_at DESC, ci.id DESC LIMIT " + MAX_LISTED)) {
      s.setLong(1, target);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject().put("id", r.getLong(1)).put("target", target)
              .put("inspected_at", Times.text(r.getTimestamp(2))).put("findings", r.getString(3))
              .put("danger_found", r.getBoolean(4))
              .put("inspector", new JsonObject().put("id", r.getLong(5)).put("name", r.getString(6)))
              .put("proposal_id", r.getObject(7, Long.class)));
        }
      }
    }
    PhotoQueries.attach(c, Ledger.CAMPAIGN_INSPECTION, items);
    return items;
  }

  static long insertInspection(Connection c, long target, long person, Instant at, String findings,
      boolean danger) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO campaign_inspection (target_id, person_id,"
        + " inspected_at, findings, danger_found) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      s.setLong(1, target);
      s.setLong(2, person);
      s.setTimestamp(3, Timestamp.from(at));
      s.setString(4, findings);
      s.setBoolean(5, danger);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
