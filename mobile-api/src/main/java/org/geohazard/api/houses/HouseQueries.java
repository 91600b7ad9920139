package org.geohazard.api.houses;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Statements;
import org.geohazard.api.Times;
import org.geohazard.api.monitors.Ledger;
import org.geohazard.api.monitors.PhotoQueries;

/** The at-risk houses register and the houses' inspections in the database. */
final class HouseQueries {
  private static final String COLUMNS = """
      h.id, h.county, h.township, h.village, h.kind, h.owner_name, h.owner_phone, h.address, h.latitude, h.longitude,
      h.risk_grade, h.point_code, h.measures, h.created_at, h.updated_at,
      i.id, i.inspected_at, i.findings, i.danger_found, i.person_id, ip.name""";
  /** The house and its newest inspection. */
  private static final String FROM = """
      FROM at_risk_house h
      LEFT JOIN LATERAL (SELECT * FROM house_inspection x WHERE x.house_id = h.id
                         ORDER BY x.inspected_at DESC, x.id DESC LIMIT 1) i ON true
      LEFT JOIN person ip ON ip.id = i.person_id""";
  private static final String INSERT = """
      INSERT INTO at_risk_house (county, township, village, kind, owner_name, owner_phone, address, latitude,
          longitude, risk_grade, point_code, measures, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String UPDATE = """
      UPDATE at_risk_house SET county = ?, township = ?, village = ?, kind = ?, owner_name = ?, owner_phone = ?,
          address = ?, latitude = ?, longitude = ?, risk_grade = ?, point_code = ?, measures = ?, updated_at = now()
      WHERE id = ?""";
  private static final String POINT_COUNTY = "SELECT county FROM hazard_point WHERE code = ?";
  private static final String INSERT_INSPECTION = """
      INSERT INTO house_inspection (house_id, person_id, inspected_at, findings, danger_found)
      VALUES (?, ?, ?, ?, ?) RETURNING id""";
  private static final String INSPECTIONS = """
      SELECT i.id, i.inspected_at, i.findings, i.danger_found, i.person_id, p.name
      FROM house_inspection i JOIN person p ON p.id = i.person_id
      WHERE i.house_id = ?""";

  /** A house as an administrator or duty officer gives it. */
  record NewHouse(String county, String township, String village, String kind, String ownerName, String ownerPhone,
      String address, double lat, double lon, String riskGrade, String point, String measures) {
  }

  /** Which houses to list. */
  record Filter(String county, String point, String riskGrade, Long after, int limit) {
  }

  private HouseQueries() {
  }

  /** The county of a hazard point, when there is one. */
  static Optional<String> pointCounty(Connection c, String point) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POINT_COUNTY)) {
      s.setString(1, point);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  static long insert(Connection c, NewHouse house, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      int next = bind(s, house);
      s.setLong(next, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static void update(Connection c, long id, NewHouse house) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      int next = bind(s, house);
      s.setLong(next, id);
      s.executeUpdate();
    }
  }

  /** Binds the house's columns from the first parameter on; returns the next parameter's index. */
  private static int bind(PreparedStatement s, NewHouse h) throws SQLException {
    s.setString(1, h.county());
    s.setString(2, h.township());
    s.setString(3, h.village());
    s.setString(4, h.kind());
    s.setString(5, h.ownerName());
    s.setString(6, h.ownerPhone());
    s.setString(7, h.address());
    s.setDouble(8, h.lat());
    s.setDouble(9, h.lon());
    s.setString(10, h.riskGrade());
    s.setString(11, h.point());
    s.setString(12, h.measures());
    return 13;
  }

  /** The house, when the person may see it. */
  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " " + FROM + " WHERE h.id = ? AND " + HouseAccess.SEE)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(house(r)) : Optional.empty();
      }
    }
  }

  /** One page of the houses the person may see, by id. */
  static List<JsonObject> list(Connection c, long person, Filter filter) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " " + FROM + " WHERE " + HouseAccess.SEE);
    List<Object> values = new ArrayList<>(List.of(person));
    if (filter.county() != null) {
      sql.append(" AND h.county = ?");
      values.add(filter.county());
    }
    if (filter.point() != null) {
      sql.append(" AND h.point_code = ?");
      values.add(filter.point());
    }
    if (filter.riskGrade() != null) {
      sql.append(" AND h.risk_grade = ?");
      values.add(filter.riskGrade());
    }
    if (filter.after() != null) {
      sql.append(" AND h.id > ?");
      values.add(filter.after());
    }
    sql.append(" ORDER BY h.id LIMIT ?");
    values.add(filter.limit());
    List<JsonObject> houses = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, sql.toString(), values)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          houses.add(house(r));
        }
      }
    }
    return houses;
  }

  static long insertInspection(Connection c, long house, long person, Instant at, String findings,
      boolean dangerFound) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_INSPECTION)) {
      s.setLong(1, house);
      s.setLong(2, person);
      s.setTimestamp(3, Timestamp.from(at));
      s.setString(4, findings);
      s.setBoolean(5, dangerFound);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The house's inspections, newest first, or only the one with the id. */
  static List<JsonObject> inspections(Connection c, long house, Long only) throws SQLException {
    String sql = INSPECTIONS + (only == null ? "" : " AND i.id = ?") + " ORDER BY i.inspected_at DESC, i.id DESC";
    List<JsonObject> inspections = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, house);
      if (only != null) {
        s.setLong(2, only);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          inspections.add(inspection(house, r, 1));
        }
      }
    }
    PhotoQueries.attach(c, Ledger.HOUSE_INSPECTION, inspections);
    return inspections;
  }

  private static JsonObject house(ResultSet r) throws SQLException {
    JsonObject house = new JsonObject().put("id", r.getLong(1)).put("county", r.getString(2))
        .put("township", r.getString(3)).put("village", r.getString(4)).put("kind", r.getString(5))
        .put("owner_name", r.getString(6)).put("owner_phone", r.getString(7)).put("address", r.getString(8))
        .put("location", new JsonObject().put("lat", r.getDouble(9)).put("lon", r.getDouble(10)))
        .put("risk_grade", r.getString(11)).put("point", r.getString(12)).put("measures", r.getString(13))
        .put("created_at", Times.text(r.getTimestamp(14))).put("updated_at", Times.text(r.getTimestamp(15)));
    r.getLong(16);
    return house.put("last_inspection", r.wasNull() ? null : inspection(r.getLong(1), r, 16));
  }

  /** The inspection whose columns start at {@code first}: id, inspected_at, findings, danger_found, person, name. */
  private static JsonObject inspection(long house, ResultSet r, int first) throws SQLException {
    return new JsonObject().put("id", r.getLong(first)).put("house", house)
        .put("inspected_at", Times.text(r.getTimestamp(first + 1))).put("findings", r.getString(first + 2))
        .put("danger_found", r.getBoolean(first + 3))
        .put("inspector", new JsonObject().put("id", r.getLong(first + 4)).put("name", r.getString(first + 5)));
  }
}
