package org.geohazard.registry;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.geohazard.domain.Metric;

/**
 * The rules a device and a channel must meet, whatever they came from (a registry file, the admin API): one place, so
 * both refuse the same entries with the same words.
 */
final class RegistryEntries {
  /** Device ids appear in MQTT topics: no wildcards, separators or spaces. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
  private static final Pattern CHANNEL_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final int DEFAULT_INTERVAL_S = 600;
  private static final int MAX_INTERVAL_S = 86_400 * 7;

  private RegistryEntries() {
  }

  static RegistrySpec.Device device(String id, String model, Integer intervalSeconds, boolean siren,
      List<RegistrySpec.Channel> channels) {
    if (id == null || id.isBlank()) {
      throw new RegistryException("device: 'id' is required");
    }
    String where = "device " + id;
    if (!DEVICE_ID.matcher(id).matches()) {
      throw new RegistryException(where + ": id must be 1-64 letters, digits, '_', '.', ':' or '-'"
          + " (it is part of MQTT topics)");
    }
    int interval = intervalSeconds == null ? DEFAULT_INTERVAL_S : intervalSeconds;
    if (interval < 1 || interval > MAX_INTERVAL_S) {
      throw new RegistryException(where + ": 'interval_s' must be a number from 1 to " + MAX_INTERVAL_S);
    }
    if (channels.isEmpty() && !siren) {
      throw new RegistryException(where + ": at least one channel is required (or siren: true)");
    }
    Set<String> keys = new HashSet<>();
    for (RegistrySpec.Channel channel : channels) {
      if (!keys.add(channel.key())) {
        throw new RegistryException(where + " channel " + channel.key() + ": key appears twice");
      }
    }
    return new RegistrySpec.Device(id, model, interval, siren, List.copyOf(channels));
  }

  /**
   * The metric defaults from the key, the unit must be the metric's, the range defaults to the metric's and needs
   * min below max.
   */
  static RegistrySpec.Channel channel(String device, String key, String metricKey, String unit, Double min,
      Double max) {
    String deviceWhere = "device " + device;
    if (key == null || key.isBlank()) {
      throw new RegistryException(deviceWhere + " channel: 'key' is required");
    }
    String where = deviceWhere + " channel " + key;
    if (!CHANNEL_KEY.matcher(key).matches()) {
      throw new RegistryException(where + ": key must be lower-case letters, digits and '_'");
    }
    Metric metric = (metricKey == null ? Metric.forChannelKey(key) : Metric.byKey(metricKey))
        .orElseThrow(() -> new RegistryException(where + ": unknown metric '"
            + (metricKey == null ? key : metricKey) + "'; known: " + metricKeys()));
    if ((min == null) != (max == null)) {
      throw new RegistryException(where + ": range must be [min, max]");
    }
    if (min != null && !(min < max)) {
      throw new RegistryException(where + ": range minimum must be below its maximum");
    }
    String measuredIn = unit == null ? metric.unit() : unit;
    if (!measuredIn.equals(metric.unit())) {
      throw new RegistryException(where + ": " + metric.key() + " is measured in " + metric.unit()
          + ", not " + measuredIn);
    }
    return new RegistrySpec.Channel(key, metric.key(), measuredIn, min == null ? metric.defaultMin() : min,
        max == null ? metric.defaultMax() : max);
  }

  static RegistrySpec.RoleGrant roleGrant(String role, String county, String point) {
    boolean inCounty = county != null && !county.isBlank();
    boolean atPoint = point != null && !point.isBlank();
    switch (role) {
      case "admin" -> require(!inCounty && !atPoint, role, "is held everywhere: give no county or point");
      case "duty_officer", "leader" -> require(inCounty && !atPoint, role,
          "is held in a county: give county and no point");
      default -> require(atPoint && !inCounty, role, "is held at a hazard point: give point and no county");
    }
    return new RegistrySpec.RoleGrant(role, inCounty ? county.strip() : "", atPoint ? point.strip() : "");
  }

  private static void require(boolean held, String role, String scope) {
    if (!held) {
      throw new RegistryException("role " + role + " " + scope);
    }
  }

  private static List<String> metricKeys() {
    return Arrays.stream(Metric.values()).map(Metric::key).toList();
  }
}
