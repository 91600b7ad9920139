package org.geohazard.api.annual;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.api.alerts.AlertLevels;

/** The figures of the year-end report, in its order, each with the rows it counts (see {@link ReportFigure}). */
final class ReportFigures {
  static final String POINTS = "一、隐患点";
  static final String SURVEYS = "二、排查巡查";
  static final String CARDS = "三、“两卡一案”";
  static final String WARNINGS = "四、监测预警";
  static final String EVENTS = "五、灾情与避险";
  static final String TREATMENT = "六、工程治理与销号";
  static final String OUTREACH = "七、培训宣传与危险性评估";

  /** Warnings of the year: alerts of a rule or a duty officer, not drills, with the highest level they reached. */
  static final String WARNING_ROWS = """
      SELECT a.id, a.point_code, p.name AS point_name, p.township, a.kind, a.raised_at, %s AS peak_level
      FROM alert a JOIN hazard_point p ON p.code = a.point_code
      WHERE p.county = :county AND a.kind IN ('warning', 'manual') AND NOT a.drill
        AND a.raised_at >= :from AND a.raised_at < :to""".formatted(AlertLevels.PEAK);
  private static final String SURVEYED = """
      SELECT g.point_code, p.name AS point_name, p.township, count(*) AS inspections,
             max(ci.inspected_at) AS last_inspected_at, bool_or(ci.danger_found) AS danger_found
      FROM campaign_target g JOIN survey_campaign k ON k.id = g.campaign_id
      JOIN campaign_inspection ci ON ci.target_id = g.id JOIN hazard_point p ON p.code = g.point_code
      WHERE k.county = :county AND %s AND ci.inspected_at >= :from AND ci.inspected_at < :to
      GROUP BY g.point_code, p.name, p.township""";
  private static final String EVENT_ROWS = """
      SELECT d.id, d.kind, d.place, d.township, d.point_code, d.occurred_at, d.deaths, d.missing, d.injured,
             d.people_warned_safe, d.direct_loss_yuan%s
      FROM disaster_event d WHERE d.county = :county AND d.occurred_at >= :from AND d.occurred_at < :to""";
  private static final String CARD_ISSUES = """
      SELECT ci.id, ci.point_code, p.name AS point_name, ci.person_id, ci.issued_on FROM card_issue ci
      JOIN hazard_point p ON p.code = ci.point_code
      WHERE p.county = :county AND ci.kind = '%s' AND ci.issued_on >= :first_day AND ci.issued_on < :next_first_day""";
  private static final String SESSIONS = """
      SELECT o.id, o.title, o.place, o.held_on, o.attendance%s FROM outreach_session o
      WHERE o.county = :county AND o.kind = '%s' AND o.held_on >= :first_day AND o.held_on < :next_first_day""";

  static final List<ReportFigure> ALL = List.of(
      ReportFigure.counted("points_listed", POINTS, "在册隐患点", "处", """
          SELECT p.code, p.name, p.township, p.hazard_type, p.status, p.households, p.people FROM hazard_point p
          WHERE p.county = :county AND p.status <> 'delisted'"""),
      ReportFigure.summed("people_threatened", POINTS, "威胁人数", "人", """
          SELECT p.code, p.name, p.township, p.people AS amount FROM hazard_point p
          WHERE p.county = :county AND p.status <> 'delisted' AND p.people IS NOT NULL"""),
      ReportFigure.counted("surveyed_pre_flood", SURVEYS, "汛前排查隐患点", "处",
          SURVEYED.formatted("k.kind = 'pre_flood' AND NOT g.recheck")),
      ReportFigure.counted("surveyed_in_season", SURVEYS, "汛中巡查隐患点", "处",
          SURVEYED.formatted("k.kind = 'in_season' AND NOT g.recheck")),
      ReportFigure.counted("surveyed_post_flood", SURVEYS, "汛后核查隐患点", "处",
          SURVEYED.formatted("k.kind = 'post_flood' AND NOT g.recheck")),
      ReportFigure.counted("surveyed_after_storm", SURVEYS, "雨后排查隐患点", "处",
          SURVEYED.formatted("k.kind = 'after_storm' AND NOT g.recheck")),
      ReportFigure.counted("rechecked_struck_off", SURVEYS, "销号隐患点“回头看”", "处", SURVEYED.formatted("g.recheck")),
      ReportFigure.counted("houses_inspected", SURVEYS, "临切坡建房等受威胁房屋排查", "户", """
          SELECT h.id, h.owner_name, h.township, h.village, h.risk_grade, max(x.at) AS last_inspected_at
          FROM at_risk_house h JOIN (
              SELECT i.house_id, i.inspected_at AS at FROM house_inspection i
              UNION ALL SELECT g.house_id, ci.inspected_at FROM campaign_inspection ci
              JOIN campaign_target g ON g.id = ci.target_id WHERE g.house_id IS NOT NULL) x ON x.house_id = h.id
          WHERE h.county = :county AND x.at >= :from AND x.at < :to
          GROUP BY h.id, h.owner_name, h.township, h.village, h.risk_grade"""),
      ReportFigure.counted("patrols", SURVEYS, "群测群防监测员巡查", "次", """
          SELECT t.id, t.point_code, p.name AS point_name, t.patrolled_at, t.abnormal FROM patrol t
          JOIN hazard_point p ON p.code = t.point_code
          WHERE p.county = :county AND t.patrolled_at >= :from AND t.patrolled_at < :to"""),
      ReportFigure.counted("work_cards_issued", CARDS, "发放工作明白卡", "张", CARD_ISSUES.formatted("work")),
      ReportFigure.counted("avoidance_cards_issued", CARDS, "发放避险明白卡", "张", CARD_ISSUES.formatted("avoidance")),
      ReportFigure.counted("plan_versions", CARDS, "编制、修订隐患点应急预案", "份", """
          SELECT v.id, v.point_code, p.name AS point_name, v.version, v.changes, v.approved_on FROM point_plan_version v
          JOIN hazard_point p ON p.code = v.point_code
          WHERE p.county = :county AND coalesce(v.approved_on, (v.created_at AT TIME ZONE 'Asia/Shanghai')::date)
                >= :first_day
            AND coalesce(v.approved_on, (v.created_at AT TIME ZONE 'Asia/Shanghai')::date) < :next_first_day"""),
      ReportFigure.counted("warnings", WARNINGS, "发布地质灾害预警", "次", WARNING_ROWS),
      ReportFigure.counted("warnings_red", WARNINGS, "其中红色预警", "次", peak("red")),
      ReportFigure.counted("warnings_orange", WARNINGS, "其中橙色预警", "次", peak("orange")),
      ReportFigure.counted("warnings_yellow", WARNINGS, "其中黄色预警", "次", peak("yellow")),
      ReportFigure.counted("warnings_blue", WARNINGS, "其中蓝色预警", "次", peak("blue")),
      ReportFigure.counted("warning_messages", WARNINGS, "发送预警信息", "条", """
          SELECT o.id, o.alert_id, o.channel, o.purpose, o.sent_at FROM outbox o
          JOIN (%s) w ON w.id = o.alert_id
          WHERE o.state = 'sent' AND o.channel IN ('push', 'sms', 'siren') AND NOT o.drill""".formatted(WARNING_ROWS)),
      ReportFigure.counted("danger_reports_handled", WARNINGS, "处置险情报告", "起", """
          SELECT r.id, r.point_code, r.reported_at, r.state, r.decided_at FROM danger_report r
          JOIN hazard_point p ON p.code = r.point_code
          WHERE p.county = :county AND NOT r.drill AND r.state <> 'open'
            AND r.reported_at >= :from AND r.reported_at < :to"""),
      ReportFigure.counted("people_evacuated", WARNINGS, "转移避险", "人次", """
          SELECT c.alert_id, w.point_code, c.person_id, pe.name AS person_name, c.at FROM check_in c
          JOIN (%s) w ON w.id = c.alert_id JOIN person pe ON pe.id = c.person_id
          WHERE c.status = 'evacuated'""".formatted(WARNING_ROWS)),
      ReportFigure.counted("drills", WARNINGS, "应急避险演练", "次", """
          SELECT d.id, d.point_code, d.note, d.started_at FROM drill d JOIN hazard_point p ON p.code = d.point_code
          WHERE p.county = :county AND d.started_at >= :from AND d.started_at < :to"""),
      ReportFigure.counted("disasters", EVENTS, "发生地质灾害", "起", EVENT_ROWS.formatted("")),
      ReportFigure.counted("disasters_at_planned_points", EVENTS, "其中发生在在册隐患点", "起",
          EVENT_ROWS.formatted("") + " AND d.point_code IS NOT NULL"),
      ReportFigure.summed("casualties_at_planned_points", EVENTS, "在册隐患点伤亡（死亡、失踪）", "人",
          EVENT_ROWS.formatted(", d.deaths + d.missing AS amount") + " AND d.point_code IS NOT NULL"),
      ReportFigure.summed("deaths_and_missing", EVENTS, "死亡、失踪", "人",
          EVENT_ROWS.formatted(", d.deaths + d.missing AS amount")),
      ReportFigure.summed("people_warned_safe", EVENTS, "成功避险", "人",
          EVENT_ROWS.formatted(", d.people_warned_safe AS amount")),
      ReportFigure.summed("direct_loss_yuan", EVENTS, "直接经济损失", "元",
          EVENT_ROWS.formatted(", coalesce(d.direct_loss_yuan, 0) AS amount")),
      ReportFigure.counted("treatments_accepted", TREATMENT, "治理工程竣工验收", "项", """
          SELECT t.id, t.point_code, t.name, t.accepted_on, t.funds_yuan FROM treatment_project t
          JOIN hazard_point p ON p.code = t.point_code
          WHERE p.county = :county AND t.accepted_on >= :first_day AND t.accepted_on < :next_first_day"""),
      ReportFigure.counted("points_struck_off", TREATMENT, "隐患点核销", "处", """
          SELECT o.id, o.point_code, p.name AS point_name, o.reason, o.struck_off_on FROM point_strike_off o
          JOIN hazard_point p ON p.code = o.point_code
          WHERE p.county = :county AND o.struck_off_on >= :first_day AND o.struck_off_on < :next_first_day"""),
      ReportFigure.counted("training_sessions", OUTREACH, "培训", "场次", SESSIONS.formatted("", "training")),
      ReportFigure.summed("training_attendance", OUTREACH, "培训人数", "人次",
          SESSIONS.formatted(", o.attendance AS amount", "training")),
      ReportFigure.counted("outreach_sessions", OUTREACH, "宣传", "场次", SESSIONS.formatted("", "outreach")),
      ReportFigure.summed("outreach_attendance", OUTREACH, "宣传受众", "人次",
          SESSIONS.formatted(", o.attendance AS amount", "outreach")),
      ReportFigure.counted("assessment_queries", OUTREACH, "建设项目地质灾害危险性查询", "次", """
          SELECT q.id, q.asked_at, q.project, q.points_found FROM hazard_assessment_query q
          WHERE q.county = :county AND q.asked_at >= :from AND q.asked_at < :to"""));

  private static final Map<String, ReportFigure> BY_KEY = new LinkedHashMap<>();

  static {
    ALL.forEach(f -> BY_KEY.put(f.key(), f));
  }

  private ReportFigures() {
  }

  static Optional<ReportFigure> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  private static String peak(String level) {
    return "SELECT * FROM (" + WARNING_ROWS + ") w WHERE w.peak_level = '" + level + "'";
  }
}
