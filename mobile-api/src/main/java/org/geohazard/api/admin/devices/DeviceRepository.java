package org.geohazard.api.admin.devices;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.registry.RegistrySpec;

/** Devices and their channels as the administrators maintain them. */
final class DeviceRepository {
  private static final String COLUMNS = """
      SELECT d.id, d.point_code, d.model, d.sample_interval_s, d.siren, d.updated_at,
             coalesce((SELECT json_agg(json_build_object('sensor', s.id, 'key', s.channel, 'metric', s.metric,
                           'unit', s.unit, 'range', json_build_object('min', s.valid_min, 'max', s.valid_max))
                           ORDER BY s.channel)
                       FROM sensor s WHERE s.device_id = d.id), '[]')
      FROM device d""";
  private static final String LIST = COLUMNS + " " + """
      WHERE (CAST(? AS text) IS NULL OR d.point_code = ?) AND (CAST(? AS text) IS NULL OR d.id > ?)
      ORDER BY d.id LIMIT ?""";
  private static final String FIND = COLUMNS + " WHERE d.id = ?";
  private static final String LOCK = "SELECT 1 FROM device WHERE id = ? FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO device (id, point_code, model, sample_interval_s, siren, updated_at) VALUES (?, ?, ?, ?, ?, now())
      ON CONFLICT (id) DO NOTHING""";
  private static final String UPDATE = """
      UPDATE device SET point_code = ?, model = ?, sample_interval_s = ?, siren = ?, updated_at = now()
      WHERE id = ?""";
  private static final String CHANNEL = "SELECT id, metric FROM sensor WHERE device_id = ? AND channel = ?";
  private static final String HAS_READINGS = "SELECT 1 FROM reading WHERE sensor_id = ? LIMIT 1";

  /** A registered channel: its sensor id and metric. */
  record StoredChannel(int sensor, String metric) {
  }

  private DeviceRepository() {
  }

  static List<JsonObject> list(Connection c, String point, String after, int limit) throws SQLException {
    List<JsonObject> devices = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LIST)) {
      s.setString(1, point);
      s.setString(2, point);
      s.setString(3, after);
      s.setString(4, after);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          devices.add(device(r));
        }
      }
    }
    return devices;
  }

  static Optional<JsonObject> find(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(device(r)) : Optional.empty();
      }
    }
  }

  /** Locks the device's row until the transaction ends; false when there is no such device. */
  static boolean lock(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Inserts a device without its channels; false when the id is taken. */
  static boolean insert(Connection c, String point, RegistrySpec.Device d) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, d.id());
      s.setString(2, point);
      s.setString(3, d.model());
      s.setInt(4, d.sampleIntervalSeconds());
      s.setBoolean(5, d.siren());
      return s.executeUpdate() == 1;
    }
  }

  static void update(Connection c, String point, RegistrySpec.Device d) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      s.setString(1, point);
      s.setObject(2, d.model(), Types.VARCHAR);
      s.setInt(3, d.sampleIntervalSeconds());
      s.setBoolean(4, d.siren());
      s.setString(5, d.id());
      s.executeUpdate();
    }
  }

  static Optional<StoredChannel> channel(Connection c, String device, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CHANNEL)) {
      s.setString(1, device);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new StoredChannel(r.getInt(1), r.getString(2))) : Optional.empty();
      }
    }
  }

  static boolean hasReadings(Connection c, int sensor) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HAS_READINGS)) {
      s.setInt(1, sensor);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static JsonObject device(ResultSet r) throws SQLException {
    return new JsonObject().put("id", r.getString(1)).put("point", r.getString(2)).put("model", r.getString(3))
        .put("interval_s", r.getInt(4)).put("siren", r.getBoolean(5))
        .put("updated_at", r.getTimestamp(6).toInstant().toString())
        .put("channels", new JsonArray(r.getString(7)));
  }
}
