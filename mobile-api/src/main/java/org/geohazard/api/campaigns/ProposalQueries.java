package org.geohazard.api.campaigns;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.Times;

/** New hazard points proposed by survey findings, and the administrators' decisions on them. */
final class ProposalQueries {
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS = """
      k.id, k.inspection_id, g.campaign_id, k.county, k.name, k.hazard_type, k.latitude, k.longitude,
      k.description, k.state, k.point_code, k.decided_at, k.decision_note, ci.inspected_at""";
  private static final String FROM = " FROM point_proposal k JOIN campaign_inspection ci ON ci.id = k.inspection_id"
      + " JOIN campaign_target g ON g.id = ci.target_id";

  /** A proposed point as the inspector describes it. */
  record NewProposal(String name, String hazardType, double latitude, double longitude, String description) {
  }

  private ProposalQueries() {
  }

  static void insert(Connection c, long inspection, String county, NewProposal proposal) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO point_proposal (inspection_id, county, name,"
        + " hazard_type, latitude, longitude, description) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, inspection);
      s.setString(2, county);
      s.setString(3, proposal.name());
      s.setString(4, proposal.hazardType());
      s.setDouble(5, proposal.latitude());
      s.setDouble(6, proposal.longitude());
      s.setString(7, proposal.description());
      s.executeUpdate();
    }
  }

  static List<JsonObject> list(Connection c, long person, String county, String state, Long id)
      throws SQLException {
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE "
        + CampaignAccess.SEE_PROPOSAL + " AND (?::text IS NULL OR k.county = ?) AND (?::text IS NULL OR k.state = ?)"
        + " AND (?::bigint IS NULL OR k.id = ?) ORDER BY k.id DESC LIMIT " + MAX_LISTED)) {
      s.setLong(1, person);
      s.setString(2, county);
      s.setString(3, county);
      s.setString(4, state);
      s.setString(5, state);
      s.setObject(6, id);
      s.setObject(7, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(new JsonObject().put("id", r.getLong(1)).put("inspection_id", r.getLong(2))
              .put("campaign_id", r.getLong(3)).put("county", r.getString(4)).put("name", r.getString(5))
              .put("hazard_type", r.getString(6)).put("location", new JsonObject().put("lat", r.getDouble(7))
                  .put("lon", r.getDouble(8))).put("description", r.getString(9)).put("state", r.getString(10))
              .put("point", r.getString(11)).put("decided_at", Times.text(r.getTimestamp(12)))
              .put("decision_note", r.getString(13)).put("inspected_at", Times.text(r.getTimestamp(14))));
        }
      }
    }
    return items;
  }

  /** Records the decision on an open proposal; false when it was decided already. */
  static boolean decide(Connection c, long id, String state, String point, String note, long person)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE point_proposal SET state = ?, point_code = ?,"
        + " decision_note = ?, decided_by = ?, decided_at = now() WHERE id = ? AND state = 'open'")) {
      s.setString(1, state);
      s.setString(2, point);
      s.setString(3, note);
      s.setLong(4, person);
      s.setLong(5, id);
      return s.executeUpdate() == 1;
    }
  }
}
