package org.geohazard.api.annual;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.geohazard.api.Times;
import org.geohazard.api.alerts.AlertLevels;

/**
 * The year-end report of a county, as data: every figure with its value, the table per township, the months (warnings
 * and mean rainfall), the coverage of the year's survey campaigns, and the points with the highest level each reached.
 * The renderers ({@link ReportPdf}, {@link ReportDocx}) lay it out; the JSON form is this itself.
 */
record AnnualReport(ReportQueries.Scope scope, Instant generatedAt, List<Value> figures, List<JsonObject> townships,
    long[] warningsPerMonth, double[] rainfallPerMonth, List<JsonObject> coverage, List<JsonObject> points) {
  private static final String TOWNSHIPS = """
      WITH w AS (%s)
      SELECT coalesce(p.township, '（未填乡镇）') AS township,
             count(*) FILTER (WHERE p.status <> 'delisted') AS points_listed,
             coalesce(sum(p.people) FILTER (WHERE p.status <> 'delisted'), 0) AS people_threatened,
             (SELECT count(*) FROM w WHERE w.township IS NOT DISTINCT FROM p.township) AS warnings,
             (SELECT count(*) FROM disaster_event d WHERE d.county = :county AND d.township IS NOT DISTINCT FROM p.township
                 AND d.occurred_at >= :from AND d.occurred_at < :to) AS disasters,
             (SELECT count(DISTINCT g.point_code) FROM campaign_target g JOIN survey_campaign k ON k.id = g.campaign_id
              JOIN campaign_inspection ci ON ci.target_id = g.id JOIN hazard_point q ON q.code = g.point_code
              WHERE k.county = :county AND q.township IS NOT DISTINCT FROM p.township
                AND ci.inspected_at >= :from AND ci.inspected_at < :to) AS points_surveyed,
             (SELECT count(DISTINCT i.house_id) FROM house_inspection i JOIN at_risk_house h ON h.id = i.house_id
              WHERE h.county = :county AND h.township IS NOT DISTINCT FROM p.township
                AND i.inspected_at >= :from AND i.inspected_at < :to) AS houses_inspected
      FROM hazard_point p WHERE p.county = :county GROUP BY p.township ORDER BY p.township NULLS LAST"""
      .formatted(ReportFigures.WARNING_ROWS);
  private static final String MONTHS = "SELECT extract(month FROM w.raised_at AT TIME ZONE 'Asia/Shanghai')::int AS m,"
      + " count(*) FROM (" + ReportFigures.WARNING_ROWS + ") w GROUP BY 1";
  /** The mean over the county's rain gauges of each month's total (readings outside the valid range left out). */
  private static final String RAINFALL = """
      SELECT x.m, avg(x.total) FROM (
          SELECT se.id, extract(month FROM r.ts AT TIME ZONE 'Asia/Shanghai')::int AS m, sum(r.value) AS total
          FROM reading r JOIN sensor se ON se.id = r.sensor_id JOIN device dv ON dv.id = se.device_id
          JOIN hazard_point p ON p.code = dv.point_code
          WHERE p.county = :county AND se.metric = 'rainfall' AND r.flags & 1 = 0 AND r.ts >= :from AND r.ts < :to
          GROUP BY se.id, 2) x GROUP BY x.m""";
  private static final String COVERAGE = """
      SELECT k.kind, count(DISTINCT g.id) AS targets,
             count(DISTINCT g.id) FILTER (WHERE ci.id IS NOT NULL) AS done,
             count(DISTINCT g.id) FILTER (WHERE ci.danger_found) AS findings
      FROM survey_campaign k JOIN campaign_target g ON g.campaign_id = k.id
      LEFT JOIN campaign_inspection ci ON ci.target_id = g.id
      WHERE k.county = :county AND k.starts_on >= :first_day AND k.starts_on < :next_first_day
      GROUP BY k.kind ORDER BY min(k.starts_on)""";
  private static final String POINTS = """
      SELECT p.code, p.name, p.latitude, p.longitude, p.status,
             (SELECT %s FROM (%s) w WHERE w.point_code = p.code) AS peak_level
      FROM hazard_point p WHERE p.county = :county ORDER BY p.code""".formatted(AlertLevels.highest("w.peak_level"),
      ReportFigures.WARNING_ROWS);

  /** A figure and its value. */
  record Value(ReportFigure figure, long value) {
  }

  static AnnualReport build(Connection c, ReportQueries.Scope scope) throws SQLException {
    List<Value> figures = new ArrayList<>();
    for (ReportFigure figure : ReportFigures.ALL) {
      figures.add(new Value(figure, ReportQueries.value(c, figure, scope)));
    }
    long[] warnings = new long[12];
    JsonArray months = ReportQueries.select(c, MONTHS, scope).rows();
    months.forEach(row -> warnings[((JsonArray) row).getInteger(0) - 1] = ((JsonArray) row).getLong(1));
    double[] rainfall = new double[12];
    ReportQueries.select(c, RAINFALL, scope).rows()
        .forEach(row -> rainfall[((JsonArray) row).getInteger(0) - 1] = ((JsonArray) row).getDouble(1));
    return new AnnualReport(scope, Instant.now(), figures,
        ReportQueries.objects(ReportQueries.select(c, TOWNSHIPS, scope)), warnings, rainfall,
        ReportQueries.objects(ReportQueries.select(c, COVERAGE, scope)),
        ReportQueries.objects(ReportQueries.select(c, POINTS, scope)));
  }

  /** The report as JSON; each figure names the address of its rows. */
  JsonObject json(String rowsBase) {
    JsonArray values = new JsonArray();
    figures.forEach(v -> values.add(new JsonObject().put("key", v.figure().key()).put("section", v.figure().section())
        .put("label", v.figure().label()).put("unit", v.figure().unit()).put("value", v.value())
        .put("rows", rowsBase + v.figure().key())));
    JsonArray months = new JsonArray();
    for (int m = 0; m < 12; m++) {
      months.add(new JsonObject().put("month", m + 1).put("warnings", warningsPerMonth[m])
          .put("rainfall_mm", Math.round(rainfallPerMonth[m] * 10) / 10.0));
    }
    return new JsonObject().put("county", scope.county()).put("year", scope.year())
        .put("generated_at", generatedAt.atOffset(Times.CHINA).toString()).put("figures", values)
        .put("townships", new JsonArray(new ArrayList<>(townships))).put("months", months)
        .put("survey_coverage", new JsonArray(new ArrayList<>(coverage)))
        .put("points", new JsonArray(new ArrayList<>(points)));
  }
}
