package org.geohazard.api.residents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.geohazard.api.problem.ApiException;

/**
 * The apps' push tokens and who holds each. A token nobody holds goes to the caller; its holder refreshes it freely;
 * it moves from another person to the caller only when the request proves it comes from the app that holds it (the
 * installation key that registered it) in a session that began after the token's last registration. Then the old
 * holder's row is deleted and a new one written, and an older request replayed cannot move it back.
 */
final class PushTokenRegistry {
  private static final String HOLDER = """
      SELECT person_id, installation_hash, registered_at FROM push_token WHERE token = ? FOR UPDATE""";
  private static final String INSERT = """
      INSERT INTO push_token (person_id, token, platform, language, installation_hash) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (token) DO NOTHING""";
  private static final String REFRESH = """
      UPDATE push_token SET platform = ?, language = ?, installation_hash = coalesce(?, installation_hash),
          registered_at = now()
      WHERE token = ?""";
  private static final String DELETE = "DELETE FROM push_token WHERE token = ?";

  private record Holder(long person, String installationHash, Instant registeredAt) {
  }

  private PushTokenRegistry() {
  }

  /**
   * Registers the token for the person; {@code installation} may be null (then the token never moves away from
   * another holder), {@code sessionStart} is when the caller's access token was issued.
   */
  static void register(Connection c, long person, String token, String platform, String language,
      String installation, Instant sessionStart) throws SQLException {
    String hash = installation == null ? null : sha256(installation);
    Holder holder = holder(c, token);
    if (holder == null) {
      if (insert(c, person, token, platform, language, hash)) {
        return;
      }
      // registered by a concurrent request: decide against that one
      holder = holder(c, token);
    }
    if (holder.person() == person) {
      refresh(c, token, platform, language, hash);
      return;
    }
    boolean sameApp = hash != null && holder.installationHash() != null
        && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
            holder.installationHash().getBytes(StandardCharsets.US_ASCII));
    // access tokens carry whole seconds
    boolean fresh = sessionStart != null
        && !sessionStart.isBefore(holder.registeredAt().truncatedTo(ChronoUnit.SECONDS));
    if (!sameApp || !fresh) {
      throw new ApiException(409, "push-token-taken", "Push token registered to another person",
          "this push token belongs to another person; it moves only when the app that holds it registers it again"
              + " with its installation key after signing in");
    }
    try (PreparedStatement s = c.prepareStatement(DELETE)) {
      s.setString(1, token);
      s.executeUpdate();
    }
    insert(c, person, token, platform, language, hash);
  }

  private static Holder holder(Connection c, String token) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HOLDER)) {
      s.setString(1, token);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        Timestamp at = r.getTimestamp(3);
        return new Holder(r.getLong(1), r.getString(2), at.toInstant());
      }
    }
  }

  private static boolean insert(Connection c, long person, String token, String platform, String language,
      String hash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setLong(1, person);
      s.setString(2, token);
      s.setString(3, platform);
      s.setString(4, language);
      s.setString(5, hash);
      return s.executeUpdate() > 0;
    }
  }

  private static void refresh(Connection c, String token, String platform, String language, String hash)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REFRESH)) {
      s.setString(1, platform);
      s.setString(2, language);
      s.setString(3, hash);
      s.setString(4, token);
      s.executeUpdate();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
