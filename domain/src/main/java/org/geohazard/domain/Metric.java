package org.geohazard.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The metrics a hazard-point sensor can measure, with their units and the physical range a working instrument can
 * report. A value outside that range is stored but flagged, and never used for a warning.
 */
public enum Metric {
  RAINFALL("rainfall", "mm", 0, 500),
  CRACK_WIDTH("crack_width", "mm", -2000, 2000),
  GNSS_EAST("gnss_east", "mm", -100_000, 100_000),
  GNSS_NORTH("gnss_north", "mm", -100_000, 100_000),
  GNSS_UP("gnss_up", "mm", -100_000, 100_000),
  TILT_X("tilt_x", "degree", -90, 90),
  TILT_Y("tilt_y", "degree", -90, 90),
  ACCEL_X("accel_x", "mg", -16_000, 16_000),
  ACCEL_Y("accel_y", "mg", -16_000, 16_000),
  ACCEL_Z("accel_z", "mg", -16_000, 16_000),
  DEEP_DISP_X("deep_disp_x", "mm", -5000, 5000),
  DEEP_DISP_Y("deep_disp_y", "mm", -5000, 5000),
  SOIL_MOISTURE("soil_moisture", "%", 0, 100),
  WATER_LEVEL("water_level", "m", -50, 100),
  PORE_PRESSURE("pore_pressure", "kPa", -100, 5000);

  private final String key;
  private final String unit;
  private final double defaultMin;
  private final double defaultMax;

  Metric(String key, String unit, double defaultMin, double defaultMax) {
    this.key = key;
    this.unit = unit;
    this.defaultMin = defaultMin;
    this.defaultMax = defaultMax;
  }

  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  public double defaultMin() {
    return defaultMin;
  }

  public double defaultMax() {
    return defaultMax;
  }

  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  /**
   * The metric a channel key names by default: the metric key itself, or the metric key with a numeric suffix for
   * a second instrument of the same kind ({@code crack_width_2}).
   */
  public static Optional<Metric> forChannelKey(String channelKey) {
    Optional<Metric> exact = byKey(channelKey);
    if (exact.isPresent()) {
      return exact;
    }
    int cut = channelKey.lastIndexOf('_');
    if (cut > 0 && channelKey.substring(cut + 1).chars().allMatch(Character::isDigit) && cut < channelKey.length() - 1) {
      return byKey(channelKey.substring(0, cut));
    }
    return Optional.empty();
  }
}
