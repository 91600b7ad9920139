package org.geohazard.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.geohazard.storage.Database;

/**
 * Imports a registry file: points, devices, channels and people are inserted or updated by their natural keys
 * (point code, device id, device + channel key, phone), so the same file can be imported again. Nothing absent from
 * the file is deleted: readings keep referring to their sensors. One transaction: a file with an error changes
 * nothing.
 */
public final class RegistryImporter {
  private static final String UPSERT_DEVICE = """
      INSERT INTO device (id, point_code, model, sample_interval_s, siren, updated_at) VALUES (?, ?, ?, ?, ?, now())
      ON CONFLICT (id) DO UPDATE SET point_code = EXCLUDED.point_code, model = EXCLUDED.model,
          sample_interval_s = EXCLUDED.sample_interval_s, siren = EXCLUDED.siren, updated_at = now()""";
  private static final String UPSERT_SENSOR = """
      INSERT INTO sensor (device_id, channel, metric, unit, valid_min, valid_max, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, now())
      ON CONFLICT (device_id, channel) DO UPDATE SET metric = EXCLUDED.metric, unit = EXCLUDED.unit,
          valid_min = EXCLUDED.valid_min, valid_max = EXCLUDED.valid_max, updated_at = now()""";
  private static final String UPSERT_PERSON = """
      INSERT INTO person (name, phone, updated_at) VALUES (?, ?, now())
      ON CONFLICT (phone) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
      RETURNING id""";
  private static final String DELETE_ROLES = "DELETE FROM person_role WHERE person_id = ?";
  private static final String HAS_PASSWORD = "SELECT password_hash IS NOT NULL FROM person WHERE id = ?";
  private static final String SET_PASSWORD = "UPDATE person SET password_hash = ? WHERE id = ?";
  private static final String INSERT_ROLE =
      "INSERT INTO person_role (person_id, role, county, point_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String POINT_EXISTS = "SELECT 1 FROM hazard_point WHERE code = ?";

  /** What an import touched. */
  public record Summary(int points, int devices, int sensors, int people) {
  }

  public static Summary importFile(Connection connection, Path file) throws SQLException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RegistryException("cannot read registry file " + file + ": " + e.getMessage(), e);
    }
    return importSpec(connection, RegistryFileParser.parse(text));
  }

  public static Summary importSpec(Connection connection, RegistrySpec spec) throws SQLException {
    return Database.inTransaction(connection, c -> {
      int devices = 0;
      int sensors = 0;
      for (RegistrySpec.Point point : spec.points()) {
        PointRows.upsert(c, point);
        for (RegistrySpec.Device device : point.devices()) {
          upsertDevice(c, point.code(), device);
          devices++;
          sensors += device.channels().size();
        }
      }
      for (RegistrySpec.Person person : spec.people()) {
        upsertPerson(c, person);
      }
      return new Summary(spec.points().size(), devices, sensors, spec.people().size());
    });
  }

  private static void upsertDevice(Connection c, String pointCode, RegistrySpec.Device d) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_DEVICE)) {
      s.setString(1, d.id());
      s.setString(2, pointCode);
      s.setString(3, d.model());
      s.setInt(4, d.sampleIntervalSeconds());
      s.setBoolean(5, d.siren());
      s.executeUpdate();
    }
    upsertChannels(c, d.id(), d.channels());
  }

  /** Inserts or updates a device's channels by (device id, key); sensor ids, and so readings, are kept. */
  public static void upsertChannels(Connection c, String deviceId, java.util.List<RegistrySpec.Channel> channels)
      throws SQLException {
    if (channels.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_SENSOR)) {
      for (RegistrySpec.Channel channel : channels) {
        s.setString(1, deviceId);
        s.setString(2, channel.key());
        s.setString(3, channel.metric());
        s.setString(4, channel.unit());
        s.setDouble(5, channel.validMin());
        s.setDouble(6, channel.validMax());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static boolean hasPassword(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HAS_PASSWORD)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  private static void upsertPerson(Connection c, RegistrySpec.Person p) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement(UPSERT_PERSON)) {
      s.setString(1, p.name());
      s.setString(2, p.phone());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        id = rows.getLong(1);
      }
    }
    if (p.password() != null && !hasPassword(c, id)) {
      // an initial password only: a password the person has since set is kept (and hashing is slow on purpose)
      try (PreparedStatement set = c.prepareStatement(SET_PASSWORD)) {
        set.setString(1, Passwords.hash(p.password()));
        set.setLong(2, id);
        set.executeUpdate();
      }
    }
    try (PreparedStatement delete = c.prepareStatement(DELETE_ROLES)) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT_ROLE);
        PreparedStatement exists = c.prepareStatement(POINT_EXISTS)) {
      for (RegistrySpec.RoleGrant grant : p.roles()) {
        if (!grant.point().isEmpty()) {
          exists.setString(1, grant.point());
          try (ResultSet rows = exists.executeQuery()) {
            if (!rows.next()) {
              throw new RegistryException("person " + p.phone() + ": role " + grant.role()
                  + " names point " + grant.point() + ", which is not in the registry");
            }
          }
        }
        insert.setLong(1, id);
        insert.setString(2, grant.role());
        insert.setString(3, grant.county());
        insert.setString(4, grant.point());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
