package org.geohazard.alerts.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and validates rule definitions (format in docs/rules.md); every error names the rule and the field. */
public final class RuleParser {
  private static final Pattern WINDOW = Pattern.compile("(\\d+)h");
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private RuleParser() {
  }

  /** The rules of one point; combinations may only name rules of the same point. */
  public static List<RuleDefinition> parse(String pointCode, JsonArray rules) {
    List<RuleDefinition> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!(rules.getValue(i) instanceof JsonObject rule)) {
        throw new RuleException("point " + pointCode + " rules[" + i + "]: must be a mapping");
      }
      RuleDefinition definition = parse(pointCode, rule);
      if (!names.add(definition.name())) {
        throw new RuleException("point " + pointCode + " rule " + definition.name() + ": name appears twice");
      }
      parsed.add(definition);
    }
    for (RuleDefinition definition : parsed) {
      if (definition.isCombination()) {
        for (String member : definition.combination().members()) {
          if (!names.contains(member) || member.equals(definition.name())) {
            throw new RuleException("point " + pointCode + " rule " + definition.name() + ": combines '" + member
                + "', which is not another rule of this point");
          }
        }
      }
    }
    return parsed;
  }

  public static RuleDefinition parse(String pointCode, JsonObject rule) {
    String name = rule.getValue("name") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (name == null) {
      throw new RuleException("point " + pointCode + ": a rule needs a name");
    }
    String where = "point " + pointCode + " rule " + name;
    try {
      return build(name, rule, where);
    } catch (ClassCastException | IllegalArgumentException e) {
      if (e instanceof RuleException) {
        throw e;
      }
      throw new RuleException(where + ": " + e.getMessage());
    }
  }

  private static RuleDefinition build(String name, JsonObject rule, String where) {
    String kind = rule.getString("kind", "").toLowerCase(Locale.ROOT);
    Persistence persistence = persistence(rule, where);
    double spike = rule.containsKey("spike") ? positive(rule, "spike", where) : Double.NaN;
    boolean standalone = rule.getBoolean("standalone", true);
    return switch (kind) {
      case "threshold", "change" -> {
        double baseline = kind.equals("change") ? number(rule, "baseline", where) : Double.NaN;
        yield new RuleDefinition(name, kind, List.of(channel(rule, where)),
            new ThresholdMeasure(levels(rule.getJsonObject("levels"), where + ".levels"), baseline), null, null,
            persistence, spike, standalone);
      }
      case "rate" -> {
        long window = (long) (positive(rule, "window_h", where) * HOUR);
        long per = switch (rule.getString("per", "day")) {
          case "hour" -> HOUR;
          case "day" -> DAY;
          default -> throw new RuleException(where + ": per must be hour or day");
        };
        yield new RuleDefinition(name, kind, List.of(channel(rule, where)),
            new RateMeasure(levels(rule.getJsonObject("levels"), where + ".levels"), window, per), null, null,
            persistence, spike, standalone);
      }
      case "accumulation" -> new RuleDefinition(name, kind, List.of(channel(rule, where)),
          new AccumulationMeasure(windows(rule.getJsonObject("windows"), where)), null, null, persistence, spike,
          standalone);
      case "tangent_angle" -> tangent(name, rule, where, persistence, spike, standalone);
      case "combination" -> new RuleDefinition(name, kind, List.of(), null, null, combination(name, rule, where),
          persistence, Double.NaN, standalone);
      default -> throw new RuleException(where + ": kind must be one of threshold, change, rate, accumulation,"
          + " tangent_angle, combination; got '" + rule.getValue("kind") + "'");
    };
  }

  private static RuleDefinition tangent(String name, JsonObject rule, String where, Persistence persistence,
      double spike, boolean standalone) {
    JsonObject levels = rule.getJsonObject("levels",
        new JsonObject().put("blue", 40).put("yellow", 45).put("orange", 80).put("red", 85));
    Thresholds thresholds = levels(levels, where + ".levels");
    long window = (long) (rule.containsKey("window_h") ? positive(rule, "window_h", where) * HOUR : 3 * DAY);
    List<RuleDefinition.ChannelRef> channels = rule.containsKey("channels")
        ? channels(rule.getJsonArray("channels"), where) : List.of(channel(rule, where));
    if (rule.containsKey("steady_velocity_per_day")) {
      return new RuleDefinition(name, "tangent_angle", channels,
          new TangentAngleMeasure(thresholds, positive(rule, "steady_velocity_per_day", where), window), null, null,
          persistence, spike, standalone);
    }
    JsonObject reference = rule.getJsonObject("reference");
    if (reference == null) {
      throw new RuleException(where + ": give steady_velocity_per_day, or a reference {from, to} period of steady"
          + " creep to measure it from");
    }
    Instant from = instant(reference, "from", where);
    Instant to = instant(reference, "to", where);
    if (!from.isBefore(to)) {
      throw new RuleException(where + ": reference.from must be before reference.to");
    }
    return new RuleDefinition(name, "tangent_angle", channels, null,
        new RuleDefinition.TangentSpec(thresholds, window, from, to), null, persistence, spike, standalone);
  }

  private static Combination combination(String name, JsonObject rule, String where) {
    JsonArray of = rule.getJsonArray("of");
    if (of == null) {
      throw new RuleException(where + ": a combination lists the rules it combines in 'of'");
    }
    List<String> members = new ArrayList<>();
    of.forEach(member -> members.add(String.valueOf(member)));
    String mode = rule.getString("mode", "all").toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "all" -> new Combination(name, members, Combination.Mode.ALL, 0, rule.getBoolean("standalone", true));
      case "any" -> new Combination(name, members, Combination.Mode.ANY, 0, rule.getBoolean("standalone", true));
      case "at_least" -> new Combination(name, members, Combination.Mode.AT_LEAST, rule.getInteger("k", 0),
          rule.getBoolean("standalone", true));
      default -> throw new RuleException(where + ": mode must be all, any or at_least");
    };
  }

  private static TreeMap<Long, Thresholds> windows(JsonObject windows, String where) {
    if (windows == null || windows.isEmpty()) {
      throw new RuleException(where + ": an accumulation needs windows such as {1h: {blue: 35, ...}, 24h: {...}}");
    }
    TreeMap<Long, Thresholds> byLength = new TreeMap<>();
    for (String key : windows.fieldNames()) {
      Matcher m = WINDOW.matcher(key);
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 24 * 30) {
        throw new RuleException(where + ": window '" + key + "' must read like 1h, 3h, 24h or 72h");
      }
      byLength.put(Long.parseLong(m.group(1)) * HOUR, levels(windows.getJsonObject(key), where + ".windows." + key));
    }
    return byLength;
  }

  private static Thresholds levels(JsonObject levels, String where) {
    if (levels == null) {
      throw new RuleException(where + ": per-level values {blue, yellow, orange, red} are required");
    }
    for (String key : levels.fieldNames()) {
      if (!List.of("blue", "yellow", "orange", "red").contains(key)) {
        throw new RuleException(where + ": unknown level '" + key + "'");
      }
    }
    try {
      return Thresholds.of(level(levels, "blue", where), level(levels, "yellow", where),
          level(levels, "orange", where), level(levels, "red", where));
    } catch (IllegalArgumentException e) {
      throw new RuleException(where + ": " + e.getMessage());
    }
  }

  private static double level(JsonObject levels, String key, String where) {
    Object value = levels.getValue(key);
    if (value == null) {
      return Double.NaN;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new RuleException(where + "." + key + " must be a number");
    }
    return n.doubleValue();
  }

  private static Persistence persistence(JsonObject rule, String where) {
    JsonObject raise = rule.getJsonObject("persistence", new JsonObject());
    JsonObject clear = rule.getJsonObject("clear", new JsonObject());
    Object confirm = rule.containsKey("confirm") ? rule.getValue("confirm") : Boolean.TRUE;
    if (!(confirm instanceof Boolean confirmOrangeRed)) {
      throw new RuleException(where + ": confirm must be true (orange and red wait for a second sample, the default)"
          + " or false (one sample may raise them); got " + confirm);
    }
    try {
      return new Persistence(raise.getInteger("samples", 1), raise.getLong("minutes", 0L) * MINUTE,
          clear.getNumber("margin", 0).doubleValue(), clear.getLong("hold_minutes", 0L) * MINUTE, confirmOrangeRed);
    } catch (IllegalArgumentException e) {
      throw new RuleException(where + ": " + e.getMessage());
    }
  }

  private static RuleDefinition.ChannelRef channel(JsonObject rule, String where) {
    Object channel = rule.getValue("channel");
    if (!(channel instanceof String text)) {
      throw new RuleException(where + ": 'channel' must name a device channel as DEVICE/CHANNEL");
    }
    return channelRef(text, where);
  }

  private static List<RuleDefinition.ChannelRef> channels(JsonArray array, String where) {
    List<RuleDefinition.ChannelRef> refs = new ArrayList<>();
    array.forEach(item -> refs.add(channelRef(String.valueOf(item), where)));
    if (refs.isEmpty()) {
      throw new RuleException(where + ": 'channels' is empty");
    }
    return refs;
  }

  private static RuleDefinition.ChannelRef channelRef(String text, String where) {
    int slash = text.lastIndexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new RuleException(where + ": channel '" + text + "' must read DEVICE/CHANNEL");
    }
    return new RuleDefinition.ChannelRef(text.substring(0, slash), text.substring(slash + 1));
  }

  private static double number(JsonObject rule, String key, String where) {
    if (!(rule.getValue(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new RuleException(where + ": '" + key + "' must be a number");
    }
    return n.doubleValue();
  }

  private static double positive(JsonObject rule, String key, String where) {
    double value = number(rule, key, where);
    if (value <= 0) {
      throw new RuleException(where + ": '" + key + "' must be above zero");
    }
    return value;
  }

  private static Instant instant(JsonObject object, String key, String where) {
    try {
      return Instant.parse(String.valueOf(object.getValue(key)));
    } catch (DateTimeParseException e) {
      throw new RuleException(where + ": reference." + key + " must be an RFC 3339 time in UTC");
    }
  }
}
