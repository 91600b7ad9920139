package org.geohazard.api.annual;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geohazard.api.Times;

/**
 * The year-end report's text and layout, in Chinese: a summary written from the figures, the figures per section (each
 * linked to its rows), the table per township, the charts and the map. One layout for every format.
 */
final class ReportLayout {
  private ReportLayout() {
  }

  static List<ReportBlocks> blocks(AnnualReport report, ReportCharts charts, String rowsBase) {
    Map<String, Long> v = new LinkedHashMap<>();
    report.figures().forEach(f -> v.put(f.figure().key(), f.value()));
    String county = spaced(report.scope().county());
    int year = report.scope().year();
    List<ReportBlocks> blocks = new ArrayList<>();
    blocks.add(new ReportBlocks.Title(county + year + "年度地质灾害防治工作情况"));
    blocks.add(new ReportBlocks.Paragraph("（本报告由地质灾害监测预警系统根据" + year + "年度记录自动生成，生成时间 "
        + report.generatedAt().atOffset(Times.CHINA).toLocalDateTime().withNano(0).toString().replace('T', ' ')
        + "。每项数字均可点击，查看其所计数的数据行。）"));
    blocks.add(new ReportBlocks.Heading("总体情况"));
    blocks.add(new ReportBlocks.Paragraph(summary(county, year, v)));
    String section = null;
    List<List<String>> rows = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (AnnualReport.Value value : report.figures()) {
      if (!value.figure().section().equals(section)) {
        table(blocks, rows, links);
        section = value.figure().section();
        blocks.add(new ReportBlocks.Heading(section));
      }
      rows.add(List.of(value.figure().label(), String.format("%,d", value.value()), value.figure().unit()));
      links.add(rowsBase + value.figure().key());
    }
    table(blocks, rows, links);
    blocks.add(new ReportBlocks.Heading("八、分乡镇情况"));
    List<List<String>> townships = new ArrayList<>();
    for (JsonObject t : report.townships()) {
      townships.add(List.of(t.getString("township"), t.getValue("points_listed").toString(),
          t.getValue("people_threatened").toString(), t.getValue("points_surveyed").toString(),
          t.getValue("houses_inspected").toString(), t.getValue("warnings").toString(),
          t.getValue("disasters").toString()));
    }
    blocks.add(new ReportBlocks.Table(List.of("乡镇", "隐患点（处）", "威胁人数", "排查隐患点", "排查房屋",
        "预警（次）", "灾情（起）"), townships, new float[] {0.19f, 0.15f, 0.12f, 0.14f, 0.15f, 0.13f, 0.12f}, null));
    blocks.add(new ReportBlocks.PageBreak());
    blocks.add(new ReportBlocks.Heading("九、图表"));
    blocks.add(new ReportBlocks.Picture(charts.warningsAndRainfall(report.warningsPerMonth(),
        report.rainfallPerMonth()), "warnings-rainfall", "图1 月度预警次数与平均降雨量"));
    blocks.add(new ReportBlocks.Picture(charts.surveyCoverage(report.coverage()), "survey-coverage",
        "图2 排查覆盖情况（已排查/应排查的隐患点与房屋）"));
    blocks.add(new ReportBlocks.PageBreak());
    blocks.add(new ReportBlocks.Picture(charts.pointMap(report.points()), "point-map",
        "图3 隐患点分布及年度最高预警等级"));
    return blocks;
  }

  /** A county named in Latin letters is set off from the Chinese that follows. */
  private static String spaced(String county) {
    char last = county.charAt(county.length() - 1);
    return last < 0x80 && Character.isLetterOrDigit(last) ? county + " " : county;
  }

  private static void table(List<ReportBlocks> blocks, List<List<String>> rows, List<String> links) {
    if (rows.isEmpty()) {
      return;
    }
    blocks.add(new ReportBlocks.Table(List.of("项目", "数量", "单位"), List.copyOf(rows),
        new float[] {0.62f, 0.23f, 0.15f}, List.copyOf(links)));
    rows.clear();
    links.clear();
  }

  private static String summary(String county, int year, Map<String, Long> v) {
    StringBuilder s = new StringBuilder();
    s.append(year).append("年，").append(county).append("共有在册地质灾害隐患点").append(v.get("points_listed"))
        .append("处，威胁").append(v.get("people_threatened")).append("人。");
    s.append("全年开展汛前排查隐患点").append(v.get("surveyed_pre_flood")).append("处、汛中巡查")
        .append(v.get("surveyed_in_season")).append("处、汛后核查").append(v.get("surveyed_post_flood"))
        .append("处、雨后排查").append(v.get("surveyed_after_storm")).append("处，对已销号隐患点“回头看”").append(v.get("rechecked_struck_off")).append("处，排查临切坡建房等受威胁房屋")
        .append(v.get("houses_inspected")).append("户；群测群防监测员巡查").append(v.get("patrols")).append("次。");
    s.append("发放工作明白卡").append(v.get("work_cards_issued")).append("张、避险明白卡")
        .append(v.get("avoidance_cards_issued")).append("张，编制、修订隐患点应急预案").append(v.get("plan_versions"))
        .append("份。");
    s.append("发布地质灾害预警").append(v.get("warnings")).append("次（红色").append(v.get("warnings_red"))
        .append("次、橙色").append(v.get("warnings_orange")).append("次、黄色").append(v.get("warnings_yellow"))
        .append("次、蓝色").append(v.get("warnings_blue")).append("次），发送预警信息").append(v.get("warning_messages"))
        .append("条，处置险情报告").append(v.get("danger_reports_handled")).append("起，转移避险")
        .append(v.get("people_evacuated")).append("人次，开展应急避险演练").append(v.get("drills")).append("次。");
    s.append("全年发生地质灾害").append(v.get("disasters")).append("起，其中发生在在册隐患点")
        .append(v.get("disasters_at_planned_points")).append("起");
    if (v.get("disasters_at_planned_points") > 0 && v.get("casualties_at_planned_points") == 0) {
      s.append("，在册隐患点实现“零伤亡”");
    } else if (v.get("casualties_at_planned_points") > 0) {
      s.append("，在册隐患点死亡、失踪").append(v.get("casualties_at_planned_points")).append("人");
    }
    s.append("；成功避险").append(v.get("people_warned_safe")).append("人，直接经济损失")
        .append(String.format("%,d", v.get("direct_loss_yuan"))).append("元。");
    s.append("完成治理工程验收").append(v.get("treatments_accepted")).append("项，核销隐患点")
        .append(v.get("points_struck_off")).append("处。开展培训").append(v.get("training_sessions")).append("场次、")
        .append(v.get("training_attendance")).append("人次，宣传").append(v.get("outreach_sessions")).append("场次、")
        .append(v.get("outreach_attendance")).append("人次；答复建设项目地质灾害危险性查询")
        .append(v.get("assessment_queries")).append("次。");
    return s.toString();
  }
}
