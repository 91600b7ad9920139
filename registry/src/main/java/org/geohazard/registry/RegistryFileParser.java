package org.geohazard.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.geohazard.domain.HazardType;
import org.geohazard.domain.PointStatus;
import org.geohazard.domain.Role;
import org.geohazard.registry.zones.ZoneException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and validates a registry YAML file (format in docs/registry.md). */
public final class RegistryFileParser {
  private RegistryFileParser() {
  }

  public static RegistrySpec parse(String yamlText) {
    JsonObject json = readYaml(yamlText);
    try {
      JsonArray points = json.getJsonArray("points", new JsonArray());
      return new RegistrySpec(points(points), people(json.getJsonArray("people", new JsonArray())), rules(points),
          roster(json.getJsonArray("roster", new JsonArray())));
    } catch (ClassCastException e) {
      throw new RegistryException("registry file has a value of the wrong kind (a list, mapping, text or number"
          + " where another was expected): " + e.getMessage(), e);
    }
  }

  private static JsonObject readYaml(String yamlText) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new RegistryException("registry file is not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new RegistryException("registry file must be a mapping with 'points' and 'people'");
    }
    try {
      return new JsonObject(normalise(map));
    } catch (RuntimeException e) {
      throw new RegistryException("registry file holds values that are not plain data: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalise(Map<?, ?> map) {
    // YAML keys may be numbers or dates; JSON wants strings, and dates become text.
    return (Map<String, Object>) normaliseValue(map);
  }

  private static Object normaliseValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normaliseValue(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(RegistryFileParser::normaliseValue).toList();
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().toString();
    }
    return value;
  }

  private static List<RegistrySpec.Point> points(JsonArray array) {
    List<RegistrySpec.Point> points = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    Set<String> deviceIds = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "points[" + i + "]";
      JsonObject p = object(array, i, where);
      String code = text(p, "code", where);
      where = "point " + code;
      if (!codes.add(code)) {
        throw new RegistryException(where + ": code appears twice");
      }
      String type = enumName(p, "type", where, HazardType.class, null);
      JsonObject location = p.getJsonObject("location");
      if (location == null) {
        throw new RegistryException(where + ": location {lat, lon} is required");
      }
      double lat = number(location, "lat", where + ".location", -90, 90);
      double lon = number(location, "lon", where + ".location", -180, 180);
      List<RegistrySpec.Device> devices = devices(p.getJsonArray("devices", new JsonArray()), where, deviceIds);
      try {
        points.add(RegistrySpec.Point.of(code, text(p, "name", where), type, lat, lon, text(p, "county", where),
            p.getString("township"), p.getString("village"), threatenedZone(p, where),
            optionalCount(p, "households", where), optionalCount(p, "people", where),
            p.getString("property_at_risk"), p.getString("risk_level"),
            enumName(p, "status", where, PointStatus.class, "active"), p.getJsonObject("evacuation_plan"),
            devices));
      } catch (ZoneException e) {
        throw new RegistryException(where + ".threatened_zone: " + e.getMessage(), e);
      }
    }
    return points;
  }

  private static JsonObject threatenedZone(JsonObject p, String where) {
    JsonObject zone = p.getJsonObject("threatened_zone");
    if (zone == null) {
      return null;
    }
    if (zone.containsKey("radius_m")) {
      number(zone, "radius_m", where + ".threatened_zone", 1, 100_000);
      return zone;
    }
    if ("Polygon".equals(zone.getString("type")) && zone.getValue("coordinates") instanceof JsonArray rings
        && !rings.isEmpty() && rings.getValue(0) instanceof JsonArray ring && ring.size() >= 4) {
      return zone;
    }
    throw new RegistryException(where + ".threatened_zone: give {radius_m: N} or a GeoJSON Polygon"
        + " {type: Polygon, coordinates: [[[lon, lat], ...]]} with a closed ring of at least 4 positions");
  }

  private static List<RegistrySpec.Device> devices(JsonArray array, String pointWhere, Set<String> seen) {
    List<RegistrySpec.Device> devices = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      RegistrySpec.Device device = device(object(array, i, pointWhere + ".devices[" + i + "]"),
          pointWhere + ".devices[" + i + "]");
      if (!seen.add(device.id())) {
        throw new RegistryException("device " + device.id() + ": id appears twice");
      }
      devices.add(device);
    }
    return devices;
  }

  /** One device entry of a point: {id, model, interval_s, siren, channels}. */
  private static RegistrySpec.Device device(JsonObject d, String entryWhere) {
    String id = text(d, "id", entryWhere);
    String where = "device " + id;
    Object interval = d.getValue("interval_s");
    if (interval != null && !(interval instanceof Number)) {
      throw new RegistryException(where + ": 'interval_s' must be a number");
    }
    List<RegistrySpec.Channel> channels = new ArrayList<>();
    JsonArray entries = d.getJsonArray("channels", new JsonArray());
    for (int i = 0; i < entries.size(); i++) {
      JsonObject c = entries.getValue(i) instanceof String key ? new JsonObject().put("key", key)
          : object(entries, i, where + ".channels[" + i + "]");
      channels.add(channel(c, id, where + ".channels[" + i + "]"));
    }
    return RegistrySpec.Device.of(id, d.getString("model"), interval == null ? null : ((Number) interval).intValue(),
        Boolean.TRUE.equals(d.getValue("siren")), channels);
  }

  /** One channel entry of a device: a key alone, or {key, metric, unit, range: [min, max]}. */
  private static RegistrySpec.Channel channel(JsonObject c, String device, String entryWhere) {
    String key = text(c, "key", entryWhere);
    Double min = null;
    Double max = null;
    JsonArray range = c.getJsonArray("range");
    if (range != null) {
      if (range.size() != 2 || !(range.getValue(0) instanceof Number) || !(range.getValue(1) instanceof Number)) {
        throw new RegistryException("device " + device + " channel " + key + ": range must be [min, max]");
      }
      min = range.getDouble(0);
      max = range.getDouble(1);
    }
    return RegistrySpec.Channel.of(device, key, c.getString("metric"), c.getString("unit"), min, max);
  }

  /** Each point's rules, as written; only their shape is checked here (the warning engine reads their content). */
  private static Map<String, JsonArray> rules(JsonArray points) {
    Map<String, JsonArray> rules = new LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      JsonObject point = points.getJsonObject(i);
      String where = "point " + point.getString("code");
      JsonArray list = point.getJsonArray("rules", new JsonArray());
      for (int r = 0; r < list.size(); r++) {
        object(list, r, where + ".rules[" + r + "]");
      }
      rules.put(point.getString("code"), list);
    }
    return rules;
  }

  private static List<RegistrySpec.Shift> roster(JsonArray array) {
    List<RegistrySpec.Shift> shifts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "roster[" + i + "]";
      JsonObject shift = object(array, i, where);
      String role = text(shift, "role", where);
      if (!role.equals("duty_officer") && !role.equals("leader")) {
        throw new RegistryException(where + ": role must be duty_officer or leader");
      }
      Instant from = time(shift, "from", where);
      Instant to = time(shift, "to", where);
      if (!from.isBefore(to)) {
        throw new RegistryException(where + ": 'from' must be before 'to'");
      }
      shifts.add(new RegistrySpec.Shift(text(shift, "county", where), role, phone(shift, where), from, to));
    }
    return shifts;
  }

  private static String phone(JsonObject object, String where) {
    String written = text(object, "phone", where);
    return Phones.normalised(written)
        .orElseThrow(() -> new RegistryException(where + " (" + written + "): " + Phones.RULE));
  }

  private static Instant time(JsonObject object, String key, String where) {
    try {
      return OffsetDateTime.parse(text(object, key, where)).toInstant();
    } catch (DateTimeParseException e) {
      throw new RegistryException(where + ": '" + key + "' must be an RFC 3339 time with an offset");
    }
  }

  private static List<RegistrySpec.Person> people(JsonArray array) {
    List<RegistrySpec.Person> people = new ArrayList<>();
    Set<String> phones = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject p = object(array, i, "people[" + i + "]");
      String phone = phone(p, "people[" + i + "]");
      String where = "person " + phone;
      if (!phones.add(phone)) {
        throw new RegistryException(where + ": phone appears twice");
      }
      List<RegistrySpec.RoleGrant> roles = new ArrayList<>();
      JsonArray grants = p.getJsonArray("roles", new JsonArray());
      for (int j = 0; j < grants.size(); j++) {
        JsonObject g = object(grants, j, where + ".roles[" + j + "]");
        String role = enumName(g, "role", where, Role.class, null);
        try {
          roles.add(RegistrySpec.RoleGrant.of(role, g.getString("county"), g.getString("point")));
        } catch (RegistryException e) {
          throw new RegistryException(where + ": " + e.getMessage(), e);
        }
      }
      Object password = p.getValue("password");
      if (password != null && (!(password instanceof String text) || text.length() < 8 || text.length() > 128)) {
        throw new RegistryException(where + ": password must be text of 8 to 128 characters");
      }
      people.add(new RegistrySpec.Person(text(p, "name", where), phone, (String) password, roles));
    }
    return people;
  }

  private static JsonObject object(JsonArray array, int index, String where) {
    if (!(array.getValue(index) instanceof JsonObject object)) {
      throw new RegistryException(where + ": must be a mapping");
    }
    return object;
  }

  private static String text(JsonObject object, String key, String where) {
    Object value = object.getValue(key);
    if (value == null || value.toString().isBlank()) {
      throw new RegistryException(where + ": '" + key + "' is required");
    }
    return value.toString().strip();
  }

  private static double number(JsonObject object, String key, String where, double min, double max) {
    if (!(object.getValue(key) instanceof Number)) {
      throw new RegistryException(where + ": '" + key + "' must be a number");
    }
    return number(object, key, where, min, max, 0);
  }

  private static double number(JsonObject object, String key, String where, double min, double max, double dflt) {
    Object value = object.getValue(key);
    if (value == null) {
      return dflt;
    }
    if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new RegistryException(where + ": '" + key + "' must be a number from " + min + " to " + max);
    }
    return n.doubleValue();
  }

  private static Integer optionalCount(JsonObject object, String key, String where) {
    Object value = object.getValue(key);
    if (value == null) {
      return null;
    }
    return (int) number(object, key, where, 0, 10_000_000, 0);
  }

  private static <E extends Enum<E>> String enumName(
      JsonObject object, String key, String where, Class<E> type, String dflt) {
    String value = object.getString(key, dflt);
    if (value == null) {
      throw new RegistryException(where + ": '" + key + "' is required");
    }
    String name = value.strip().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(name)) {
        return name;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new RegistryException(where + ": '" + key + "' must be one of " + allowed + "; got '" + value + "'");
  }

}
