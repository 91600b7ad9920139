package org.geohazard.api.cards;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The texts of the two cards, in Chinese for the villagers who hold them, from the registry's facts: the work card
 * (工作明白卡) tells a monitor their point, what to watch, their patrol duties, the warning signals and what to do at
 * each level, and whom to call; the avoidance card (避险明白卡) tells a household its point and threat, the signals,
 * the evacuation route and shelter from the point's evacuation plan, and whom to call.
 */
final class CardTexts {
  private static final String NOT_SET = "未定，请向监测员或村组干部询问";
  private static final Map<String, String> TYPES = Map.of("landslide", "滑坡", "rockfall", "崩塌", "debris_flow",
      "泥石流", "ground_subsidence", "地面塌陷", "ground_fissure", "地裂缝", "unstable_slope", "不稳定斜坡");
  private static final Map<String, String> RISK = Map.of("low", "低", "medium", "中", "high", "高", "very high",
      "极高", "very_high", "极高");
  private static final Map<String, String> METRICS = Map.ofEntries(Map.entry("rainfall", "降雨量"),
      Map.entry("crack_width", "裂缝宽度"), Map.entry("gnss_east", "地表位移（东向）"),
      Map.entry("gnss_north", "地表位移（北向）"), Map.entry("gnss_up", "地表位移（垂直）"), Map.entry("tilt_x", "倾角"),
      Map.entry("tilt_y", "倾角"), Map.entry("accel_x", "振动加速度"), Map.entry("accel_y", "振动加速度"),
      Map.entry("accel_z", "振动加速度"), Map.entry("deep_disp_x", "深部位移"), Map.entry("deep_disp_y", "深部位移"),
      Map.entry("soil_moisture", "土壤含水率"), Map.entry("water_level", "水位"),
      Map.entry("pore_pressure", "孔隙水压力"));

  private CardTexts() {
  }

  static Card of(CardKind kind, CardFacts facts) {
    return kind == CardKind.WORK ? work(facts) : avoidance(facts);
  }

  /** A monitor's work card. */
  static Card work(CardFacts facts) {
    CardFacts.Point p = facts.point();
    List<String> watch = new ArrayList<>();
    facts.devices().forEach(d -> watch.add("监测设备 " + d.id() + "：" + (d.metrics().isEmpty() ? "未接入传感器"
        : d.metrics().stream().map(m -> METRICS.getOrDefault(m, m)).distinct().collect(Collectors.joining("、")))));
    if (facts.devices().isEmpty()) {
      watch.add("监测设备：无，以人工巡查为主");
    }
    watch.add("宏观迹象：地面和房屋裂缝的出现与变宽、坡体鼓胀、渗水或泉水变浑、落石掉块、树木电杆歪斜、异常声响");
    return new Card("地质灾害隐患点监测员工作明白卡", List.of(
        new Card.Section("持卡人", List.of("监测员：" + contact(facts.holder()))),
        point(p),
        new Card.Section("监测内容", watch),
        new Card.Section("巡查职责", List.of(
            "日常巡查：汛期每天一次，非汛期每周至少一次；强降雨期间和雨后加密巡查",
            "记录：每次巡查在应用中记录时间、所见、位置和照片",
            "报告：发现异常立即在应用中上报险情，并电话报告县值班室",
            "设备：爱护现场监测设备，发现损坏或离线及时报告")),
        new Card.Section("预警信号与处置", List.of(
            "预警信号：" + plan(p, "signal"),
            "蓝色预警：加密巡查，注意观察变化，随时报告",
            "黄色预警：加密监测，通知受威胁群众做好撤离准备",
            "橙色预警：在应用中叫应，组织老人、儿童、病人先行撤离，其余群众做好撤离准备",
            "红色预警：立即发出撤离信号，组织全部受威胁群众按撤离路线撤到避险场所，清点人数并报告",
            "撤离路线：" + plan(p, "route"),
            "集合地点：" + plan(p, "assembly_point"))),
        contacts(facts, false)));
  }

  /** A household's avoidance card. */
  static Card avoidance(CardFacts facts) {
    CardFacts.Point p = facts.point();
    return new Card("地质灾害避险明白卡", List.of(
        new Card.Section("持卡人", List.of("户主：" + contact(facts.holder()))),
        point(p),
        new Card.Section("威胁情况", List.of("本户位于" + type(p) + "隐患点“" + p.name() + "”的威胁范围内")),
        new Card.Section("预警信号", List.of(
            "预警信号：" + plan(p, "signal"),
            "蓝色预警：注意观察房前屋后的变化，留意通知",
            "黄色预警：收拾好证件、药品等必需品，做好撤离准备",
            "橙色预警：老人、儿童、病人先行撤离，其他人随时准备撤离",
            "红色预警：听到信号立即按撤离路线撤离，不要返回取财物")),
        new Card.Section("撤离路线与避险场所", List.of(
            "撤离路线：" + plan(p, "route"),
            "集合地点：" + plan(p, "assembly_point"),
            "避险场所：" + plan(p, "shelter"))),
        contacts(facts, true),
        new Card.Section("注意事项", List.of(
            "发现房屋开裂、山坡落石、泉水变浑等异常，立即告诉监测员或在应用中上报",
            "撤到集合地点后在应用中报平安，或向村组干部报到",
            "险情解除前不要返回"))));
  }

  private static Card.Section point(CardFacts.Point p) {
    String place = Stream.of(p.county(), p.township(), p.village()).filter(Objects::nonNull)
        .collect(Collectors.joining());
    return new Card.Section("隐患点", List.of(
        "名称：" + p.name(),
        "编号：" + p.code(),
        "类型：" + type(p),
        "位置：" + place + "（" + (p.latitude() >= 0 ? "北纬" : "南纬") + degrees(p.latitude()) + "，"
            + (p.longitude() >= 0 ? "东经" : "西经") + degrees(p.longitude()) + "）",
        "威胁对象：" + threatened(p),
        "风险等级：" + (p.riskLevel() == null ? "未评定" : RISK.getOrDefault(p.riskLevel(), p.riskLevel()))));
  }

  private static Card.Section contacts(CardFacts facts, boolean withMonitors) {
    List<String> lines = new ArrayList<>();
    facts.dutyOfficers().forEach(d -> lines.add("县值班室（" + facts.point().county() + "）：" + contact(d)));
    if (facts.dutyOfficers().isEmpty()) {
      lines.add("县值班室（" + facts.point().county() + "）：未登记");
    }
    facts.responsible().forEach(r -> lines.add("隐患点责任人：" + contact(r)));
    if (withMonitors) {
      facts.monitors().forEach(m -> lines.add("监测员：" + contact(m)));
    }
    JsonArray phones = facts.point().evacuation().getJsonArray("contact_phones", new JsonArray());
    if (!phones.isEmpty()) {
      lines.add("预案联系电话：" + phones.stream().map(String::valueOf).collect(Collectors.joining("、")));
    }
    return new Card.Section("联系电话", lines);
  }

  private static String threatened(CardFacts.Point p) {
    List<String> parts = new ArrayList<>();
    if (p.households() != null) {
      parts.add(p.households() + "户");
    }
    if (p.people() != null) {
      parts.add(p.people() + "人");
    }
    String counted = String.join("，", parts);
    if (p.propertyAtRisk() != null) {
      counted = counted.isEmpty() ? p.propertyAtRisk() : counted + "；" + p.propertyAtRisk();
    }
    return counted.isEmpty() ? "未登记" : counted;
  }

  private static String type(CardFacts.Point p) {
    return TYPES.getOrDefault(p.type(), p.type());
  }

  private static String plan(CardFacts.Point p, String field) {
    String value = p.evacuation().getString(field);
    return value == null || value.isBlank() ? NOT_SET : value;
  }

  private static String contact(CardFacts.Contact c) {
    return c.name() + "，电话 " + c.phone();
  }

  private static String degrees(double value) {
    return String.format(Locale.ROOT, "%.5f°", Math.abs(value));
  }
}
