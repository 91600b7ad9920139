package org.geohazard.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of the registered devices and their channels, for decoding device messages. */
public final class DeviceDirectory {
  private static final String LOAD = """
      SELECT d.id, d.point_code, d.sample_interval_s, s.id, s.channel, s.metric, s.valid_min, s.valid_max
      FROM device d LEFT JOIN sensor s ON s.device_id = d.id""";

  /** A registered channel: the sensor id readings are stored under, and its valid physical range. */
  public record SensorInfo(int id, String channel, String metric, double validMin, double validMax) {
    public boolean inRange(double value) {
      return value >= validMin && value <= validMax;
    }
  }

  public record DeviceInfo(String id, String pointCode, int sampleIntervalSeconds, Map<String, SensorInfo> channels) {
  }

  private final Map<String, DeviceInfo> devices;

  private DeviceDirectory(Map<String, DeviceInfo> devices) {
    this.devices = devices;
  }

  public static DeviceDirectory load(Connection connection) throws SQLException {
    Map<String, DeviceInfo> devices = new HashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(LOAD)) {
      while (rows.next()) {
        String id = rows.getString(1);
        DeviceInfo device = devices.get(id);
        if (device == null) {
          device = new DeviceInfo(id, rows.getString(2), rows.getInt(3), new HashMap<>());
          devices.put(id, device);
        }
        int sensorId = rows.getInt(4);
        if (!rows.wasNull()) {
          device.channels().put(rows.getString(5), new SensorInfo(sensorId, rows.getString(5), rows.getString(6),
              rows.getDouble(7), rows.getDouble(8)));
        }
      }
    }
    devices.replaceAll((id, d) -> new DeviceInfo(id, d.pointCode(), d.sampleIntervalSeconds(), Map.copyOf(d.channels())));
    return new DeviceDirectory(Map.copyOf(devices));
  }

  /** A directory of the given devices, as {@link #load} would read them (for decoding without a database). */
  public static DeviceDirectory of(Collection<DeviceInfo> devices) {
    Map<String, DeviceInfo> byId = new HashMap<>();
    devices.forEach(device -> byId.put(device.id(), device));
    return new DeviceDirectory(Map.copyOf(byId));
  }

  public Optional<DeviceInfo> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  public int size() {
    return devices.size();
  }
}
