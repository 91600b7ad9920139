package org.geohazard.api.exports;

import static org.geohazard.api.exports.ExportColumn.bool;
import static org.geohazard.api.exports.ExportColumn.date;
import static org.geohazard.api.exports.ExportColumn.integer;
import static org.geohazard.api.exports.ExportColumn.number;
import static org.geohazard.api.exports.ExportColumn.text;
import static org.geohazard.api.exports.ExportColumn.time;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.api.alerts.AlertLevels;

/**
 * The datasets a county uploads to the provincial geological-hazard information system, and their columns: the one
 * place they are defined. The names are stable: a column is added at the end, never renamed or dropped.
 * {@code docs/export.md} documents each column, and a test keeps it equal to these.
 */
final class Datasets {
  static final Dataset POINTS = new Dataset("points", """
      hazard_point p LEFT JOIN LATERAL (
          SELECT o.struck_off_on, o.reason FROM point_strike_off o
          WHERE o.point_code = p.code AND p.status = 'delisted'
          ORDER BY o.struck_off_on DESC, o.id DESC LIMIT 1) so ON true""", null, "p.county", null,
      "p.county, p.code", List.of(
          text("code", "p.code"), text("name", "p.name"), text("hazard_type", "p.hazard_type"),
          text("county", "p.county"), text("township", "p.township"), text("village", "p.village"),
          number("latitude", "p.latitude"), number("longitude", "p.longitude"),
          integer("households", "p.households"), integer("people", "p.people"),
          text("property_at_risk", "p.property_at_risk"), text("risk_level", "p.risk_level"),
          text("status", "p.status"),
          integer("devices", "(SELECT count(*) FROM device d WHERE d.point_code = p.code AND NOT d.siren)"),
          integer("sirens", "(SELECT count(*) FROM device d WHERE d.point_code = p.code AND d.siren)"),
          date("struck_off_on", "so.struck_off_on"), text("strike_off_reason", "so.reason"),
          time("updated_at", "p.updated_at")));

  static final Dataset DISASTER_EVENTS = new Dataset("disaster-events", "disaster_event e", null, "e.county",
      "e.occurred_at", "e.occurred_at, e.id", List.of(
          integer("id", "e.id"), text("county", "e.county"), text("township", "e.township"),
          text("kind", "e.kind"), text("point_code", "e.point_code"), text("place", "e.place"),
          number("latitude", "e.latitude"), number("longitude", "e.longitude"),
          time("occurred_at", "e.occurred_at"), number("volume_m3", "e.volume_m3"),
          integer("deaths", "e.deaths"), integer("missing", "e.missing"), integer("injured", "e.injured"),
          integer("houses_destroyed", "e.houses_destroyed"), integer("houses_damaged", "e.houses_damaged"),
          integer("direct_loss_yuan", "e.direct_loss_yuan"),
          integer("people_warned_safe", "e.people_warned_safe"), integer("alert_id", "e.alert_id"),
          text("investigation", "e.investigation"), date("investigated_on", "e.investigated_on"),
          text("handling", "e.handling"), integer("funds_yuan", "e.funds_yuan"), text("notes", "e.notes"),
          time("created_at", "e.created_at"), time("updated_at", "e.updated_at")));

  static final Dataset PATROLS = new Dataset("patrols", """
      patrol t JOIN hazard_point p ON p.code = t.point_code JOIN person n ON n.id = t.person_id""", null,
      "p.county", "t.patrolled_at", "t.patrolled_at, t.id", List.of(
          integer("id", "t.id"), text("point_code", "t.point_code"), text("point_name", "p.name"),
          text("county", "p.county"), text("patrolled_by", "n.name"), time("patrolled_at", "t.patrolled_at"),
          text("findings", "t.findings"), bool("abnormal", "t.abnormal"),
          number("latitude", "t.latitude"), number("longitude", "t.longitude"),
          integer("photos", "(SELECT count(*) FROM ledger_photo f WHERE f.patrol_id = t.id)"),
          time("recorded_at", "t.created_at")));

  private static final String EVENTS = "FROM alert_event e WHERE e.alert_id = a.id AND ";

  static final Dataset WARNINGS = new Dataset("warnings", "alert a JOIN hazard_point p ON p.code = a.point_code",
      "a.kind IN ('warning', 'manual') AND NOT a.drill", "p.county", "a.raised_at", "a.raised_at, a.id", List.of(
          integer("alert_id", "a.id"), text("point_code", "a.point_code"), text("county", "p.county"),
          text("kind", "a.kind"), text("title", "a.title"),
          text("highest_level", AlertLevels.PEAK),
          time("raised_at", "a.raised_at"),
          time("answered_at", "(SELECT min(e.at) " + EVENTS + "e.type = 'answered')"),
          text("answered_by", "(SELECT n.name FROM alert_event e JOIN person n ON n.id = e.actor"
              + " WHERE e.alert_id = a.id AND e.type = 'answered' ORDER BY e.at, e.id LIMIT 1)"),
          time("ended_at", "a.closed_at"),
          text("ended_as", "(SELECT e.type " + EVENTS + "e.type IN ('resolved', 'expired')"
              + " ORDER BY e.id DESC LIMIT 1)"),
          integer("evacuated", "(SELECT count(*) FROM check_in c WHERE c.alert_id = a.id"
              + " AND c.status = 'evacuated')"),
          integer("checked_in_safe", "(SELECT count(*) FROM check_in c WHERE c.alert_id = a.id"
              + " AND c.status = 'safe')")));

  private static final Map<String, Dataset> BY_NAME = Map.of(POINTS.name(), POINTS,
      DISASTER_EVENTS.name(), DISASTER_EVENTS, PATROLS.name(), PATROLS, WARNINGS.name(), WARNINGS);

  private Datasets() {
  }

  static Optional<Dataset> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  static List<Dataset> all() {
    return List.of(POINTS, DISASTER_EVENTS, PATROLS, WARNINGS);
  }
}
