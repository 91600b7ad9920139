package org.geohazard.api.events;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.api.CountyScope;
import org.geohazard.api.Statements;

/**
 * Disaster events in the database, and who may see and record them, as SQL over {@code person_role} for an event
 * {@code e} (parameter: the person): administrators all; a county's duty officers record, correct and see its events,
 * its leaders see them. Events at a point of the register are the 'planned points' of the totals
 * and of the year's figures.
 */
public final class EventQueries {
  static final String SEE = CountyScope.dutyRoom("e");
  static final String RECORD = CountyScope.dutyOfficers("e");
  /** More than a county records in years; the totals count them all. */
  private static final int MAX_LISTED = 1_000;
  private static final String COLUMNS = """
      e.id, e.county, e.township, e.kind, e.point_code, e.place, e.latitude, e.longitude, e.occurred_at, e.volume_m3,
      e.deaths, e.missing, e.injured, e.houses_destroyed, e.houses_damaged, e.direct_loss_yuan, e.people_warned_safe,
      e.alert_id, e.investigation, e.investigated_on, e.handling, e.funds_yuan, e.notes, e.created_at, e.updated_at""";
  private static final String INSERT = """
      INSERT INTO disaster_event (county, township, kind, point_code, place, latitude, longitude, occurred_at,
          volume_m3, deaths, missing, injured, houses_destroyed, houses_damaged, direct_loss_yuan, people_warned_safe,
          alert_id, investigation, investigated_on, handling, funds_yuan, notes, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String UPDATE = """
      UPDATE disaster_event SET county = ?, township = ?, kind = ?, point_code = ?, place = ?, latitude = ?,
          longitude = ?, occurred_at = ?, volume_m3 = ?, deaths = ?, missing = ?, injured = ?, houses_destroyed = ?,
          houses_damaged = ?, direct_loss_yuan = ?, people_warned_safe = ?, alert_id = ?, investigation = ?,
          investigated_on = ?, handling = ?, funds_yuan = ?, notes = ?, updated_at = now()
      WHERE id = ?""";
  private static final String TOTALS = """
      SELECT count(*), coalesce(sum(deaths), 0), coalesce(sum(missing), 0), coalesce(sum(injured), 0),
             coalesce(sum(people_warned_safe), 0), coalesce(sum(direct_loss_yuan), 0),
             count(*) FILTER (WHERE point_code IS NOT NULL),
             coalesce(sum(deaths + missing) FILTER (WHERE point_code IS NOT NULL), 0),
             count(*) FILTER (WHERE point_code IS NOT NULL AND deaths + missing = 0)""";
  private static final String PER_COUNTY = TOTALS + """
      , county FROM disaster_event WHERE occurred_at >= ? AND occurred_at < ? GROUP BY county""";
  private static final String POINT_COUNTY = "SELECT county FROM hazard_point WHERE code = ?";
  private static final String ALERT = "SELECT a.point_code, p.county, a.drill FROM alert a"
      + " JOIN hazard_point p ON p.code = a.point_code WHERE a.id = ?";

  /** An event as a duty officer gives it; null for what is not known (yet). */
  record NewEvent(String county, String township, String kind, String point, String place, Double lat, Double lon,
      Instant occurredAt, Double volumeM3, int deaths, int missing, int injured, int housesDestroyed,
      int housesDamaged, Long directLossYuan, int peopleWarnedSafe, Long alertId, String investigation,
      LocalDate investigatedOn, String handling, Long fundsYuan, String notes) {
  }

  /** Which events to list: of a county, of a year in China Standard Time ([from, to)), of a kind. */
  record Filter(String county, Instant from, Instant to, String kind) {
  }

  /** What matching events add up to; 'planned points' are the points of the register. */
  public record Totals(long events, long deaths, long missing, long injured, long peopleWarnedSafe,
      long directLossYuan, long atPlannedPoints, long atPlannedPointsCasualties, long zeroCasualtyAtPlannedPoints) {
  }

  /** The events listed, and the totals of all that match. */
  record Listing(List<JsonObject> items, Totals totals) {
  }

  /** The alert an event names: its point, the point's county, and whether it was a drill. */
  record PrecedingAlert(String point, String county, boolean drill) {
  }

  private EventQueries() {
  }

  static long insert(Connection c, NewEvent event, long person) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      int next = bind(s, event);
      s.setLong(next, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static void update(Connection c, long id, NewEvent event) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      int next = bind(s, event);
      s.setLong(next, id);
      s.executeUpdate();
    }
  }

  /** Binds the event's columns from the first parameter on; returns the next parameter's index. */
  private static int bind(PreparedStatement s, NewEvent e) throws SQLException {
    s.setString(1, e.county());
    s.setString(2, e.township());
    s.setString(3, e.kind());
    s.setString(4, e.point());
    s.setString(5, e.place());
    s.setObject(6, e.lat(), Types.DOUBLE);
    s.setObject(7, e.lon(), Types.DOUBLE);
    s.setTimestamp(8, Timestamp.from(e.occurredAt()));
    s.setObject(9, e.volumeM3(), Types.DOUBLE);
    s.setInt(10, e.deaths());
    s.setInt(11, e.missing());
    s.setInt(12, e.injured());
    s.setInt(13, e.housesDestroyed());
    s.setInt(14, e.housesDamaged());
    s.setObject(15, e.directLossYuan(), Types.BIGINT);
    s.setInt(16, e.peopleWarnedSafe());
    s.setObject(17, e.alertId(), Types.BIGINT);
    s.setString(18, e.investigation());
    s.setDate(19, e.investigatedOn() == null ? null : Date.valueOf(e.investigatedOn()));
    s.setString(20, e.handling());
    s.setObject(21, e.fundsYuan(), Types.BIGINT);
    s.setString(22, e.notes());
    return 23;
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

  /** The alert with the id, when there is one. */
  static Optional<PrecedingAlert> alert(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ALERT)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new PrecedingAlert(r.getString(1), r.getString(2), r.getBoolean(3)))
            : Optional.empty();
      }
    }
  }

  /** The event, when the person may see it. */
  static Optional<JsonObject> find(Connection c, long person, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM disaster_event e WHERE e.id = ? AND " + SEE)) {
      s.setLong(1, id);
      s.setLong(2, person);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(EventJson.event(r)) : Optional.empty();
      }
    }
  }

  /** The events the person may see that match, newest first, and what they all add up to. */
  static Listing list(Connection c, long person, Filter filter) throws SQLException {
    StringBuilder where = new StringBuilder(" FROM disaster_event e WHERE " + SEE);
    List<Object> values = new ArrayList<>(List.of(person));
    if (filter.county() != null) {
      where.append(" AND e.county = ?");
      values.add(filter.county());
    }
    if (filter.from() != null) {
      where.append(" AND e.occurred_at >= ? AND e.occurred_at < ?");
      values.add(Timestamp.from(filter.from()));
      values.add(Timestamp.from(filter.to()));
    }
    if (filter.kind() != null) {
      where.append(" AND e.kind = ?");
      values.add(filter.kind());
    }
    List<JsonObject> items = new ArrayList<>();
    try (PreparedStatement s = Statements.prepare(c, "SELECT " + COLUMNS + where + " ORDER BY e.occurred_at DESC, e.id DESC"
        + " LIMIT " + MAX_LISTED, values); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        items.add(EventJson.event(r));
      }
    }
    try (PreparedStatement s = Statements.prepare(c, TOTALS + where, values); ResultSet r = s.executeQuery()) {
      r.next();
      return new Listing(items, totals(r));
    }
  }

  /** What each county's events of [from, to) add up to, for the year's figures. */
  public static Map<String, Totals> perCounty(Connection c, Instant from, Instant to) throws SQLException {
    Map<String, Totals> counties = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(PER_COUNTY)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counties.put(r.getString(10), totals(r));
        }
      }
    }
    return counties;
  }

  private static Totals totals(ResultSet r) throws SQLException {
    return new Totals(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
        r.getLong(7), r.getLong(8), r.getLong(9));
  }

}
