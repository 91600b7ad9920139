package org.geohazard.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which source holds the truth about the registry: the seed record of {@code api} mode (a file seeds an empty
 * database once) and what a file owns in {@code file} mode (the administration API refuses to change it).
 */
public final class RegistrySource {
  /** What a registry file can own; rules belong to their point, a person's roles to the person. */
  public enum Kind {
    POINT, DEVICE, PERSON, ROSTER;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What one file lists: point codes, device ids, phones, and the counties whose roster it replaces. */
  public record Owned(Set<String> points, Set<String> devices, Set<String> phones, Set<String> rosterCounties) {
    public static Owned of(RegistrySpec spec) {
      Set<String> points = new HashSet<>();
      Set<String> devices = new HashSet<>();
      for (RegistrySpec.Point point : spec.points()) {
        points.add(point.code());
        point.devices().forEach(device -> devices.add(device.id()));
      }
      Set<String> phones = new HashSet<>();
      spec.people().forEach(person -> phones.add(person.phone()));
      Set<String> counties = new HashSet<>();
      spec.roster().forEach(shift -> counties.add(shift.county()));
      return new Owned(points, devices, phones, counties);
    }
  }

  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('geohazard.registry'))";
  private static final String SEEDS = "SELECT source, digest FROM registry_seed";
  private static final String RECORD_SEED = """
      INSERT INTO registry_seed (source, digest) VALUES (?, ?)
      ON CONFLICT (source) DO UPDATE SET digest = EXCLUDED.digest, seeded_at = now()""";
  private static final String EMPTY =
      "SELECT NOT EXISTS (SELECT 1 FROM hazard_point) AND NOT EXISTS (SELECT 1 FROM person)";
  private static final String CLEAR_OWNED = "DELETE FROM registry_owned";
  private static final String OWN =
      "INSERT INTO registry_owned (kind, key, file) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET file = ?";
  private static final String OWNER = "SELECT file FROM registry_owned WHERE kind = ? AND key = ?";
  private static final String PERSON_OWNER = """
      SELECT o.file FROM registry_owned o JOIN person p ON o.kind = 'person' AND o.key = p.phone WHERE p.id = ?""";
  private static final String SHIFT_OWNER = """
      SELECT o.file FROM registry_owned o JOIN duty_shift s ON o.kind = 'roster' AND o.key = s.county
      WHERE s.id = ?""";

  private RegistrySource() {
  }

  /** Serialises registry imports of gateways starting together, until the transaction ends. */
  public static void lock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(LOCK);
    }
  }

  /** The sources that seeded the database, with the digest of what they held then. */
  public static Map<String, String> seeds(Connection c) throws SQLException {
    Map<String, String> seeds = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SEEDS)) {
      while (r.next()) {
        seeds.put(r.getString(1), r.getString(2));
      }
    }
    return seeds;
  }

  public static void recordSeed(Connection c, String source, String text) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RECORD_SEED)) {
      s.setString(1, source);
      s.setString(2, digest(text));
      s.executeUpdate();
    }
  }

  /** True when the database holds no hazard point and no person yet. */
  public static boolean registryEmpty(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(EMPTY)) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /** Forgets what files owned: in api mode nothing is, and in file mode each start records it anew. */
  public static void clearOwned(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(CLEAR_OWNED);
    }
  }

  public static void recordOwned(Connection c, String file, Owned owned) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OWN)) {
      add(s, Kind.POINT, owned.points(), file);
      add(s, Kind.DEVICE, owned.devices(), file);
      add(s, Kind.PERSON, owned.phones(), file);
      add(s, Kind.ROSTER, owned.rosterCounties(), file);
      s.executeBatch();
    }
  }

  /** The file that owns the thing, if one does. */
  public static Optional<String> owner(Connection c, Kind kind, String key) throws SQLException {
    if (key == null) {
      return Optional.empty();
    }
    try (PreparedStatement s = c.prepareStatement(OWNER)) {
      s.setString(1, kind.key());
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** The file that owns the person with this id (by their phone), if one does. */
  public static Optional<String> personOwner(Connection c, long person) throws SQLException {
    return ownerById(c, PERSON_OWNER, person);
  }

  /** The file that owns the roster of this shift's county, if one does. */
  public static Optional<String> shiftOwner(Connection c, long shift) throws SQLException {
    return ownerById(c, SHIFT_OWNER, shift);
  }

  private static Optional<String> ownerById(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  public static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static void add(PreparedStatement s, Kind kind, Set<String> keys, String file) throws SQLException {
    for (String key : keys) {
      s.setString(1, kind.key());
      s.setString(2, key);
      s.setString(3, file);
      s.setString(4, file);
      s.addBatch();
    }
  }
}
