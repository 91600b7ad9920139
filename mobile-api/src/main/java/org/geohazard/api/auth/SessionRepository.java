package org.geohazard.api.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** People's credentials, refresh tokens and sign-in attempts. */
final class SessionRepository {
  private static final String CREDENTIALS = "SELECT id, password_hash FROM person WHERE phone = ?";
  private static final String FAILURES = """
      SELECT (SELECT count(*) FROM login_attempt WHERE phone = ? AND NOT succeeded AND at > now() - ? * INTERVAL '1 second'),
             (SELECT count(*) FROM login_attempt WHERE address = ? AND NOT succeeded AND at > now() - ? * INTERVAL '1 second')""";
  private static final String ATTEMPT = "INSERT INTO login_attempt (phone, address, succeeded) VALUES (?, ?, ?)";
  private static final String ISSUE = "INSERT INTO refresh_token (person_id, token_hash, expires_at) VALUES (?, ?, ?)";
  private static final String USE = """
      UPDATE refresh_token SET revoked_at = now()
      WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now()
      RETURNING person_id""";
  private static final String REVOKE = """
      UPDATE refresh_token SET revoked_at = now() WHERE token_hash = ? AND person_id = ? AND revoked_at IS NULL""";

  record Credentials(long personId, String passwordHash) {
  }

  private SessionRepository() {
  }

  static Optional<Credentials> credentials(Connection c, String phone) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CREDENTIALS)) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Credentials(r.getLong(1), r.getString(2))) : Optional.empty();
      }
    }
  }

  /** Failed attempts within the window: {for the phone, for the address}. */
  static long[] failures(Connection c, String phone, String address, Duration window) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FAILURES)) {
      s.setString(1, phone);
      s.setLong(2, window.toSeconds());
      s.setString(3, address);
      s.setLong(4, window.toSeconds());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    }
  }

  static void attempt(Connection c, String phone, String address, boolean succeeded) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ATTEMPT)) {
      s.setString(1, phone);
      s.setString(2, address);
      s.setBoolean(3, succeeded);
      s.executeUpdate();
    }
  }

  static void issue(Connection c, long personId, String tokenHash, Instant expires) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ISSUE)) {
      s.setLong(1, personId);
      s.setString(2, tokenHash);
      s.setTimestamp(3, Timestamp.from(expires));
      s.executeUpdate();
    }
  }

  /** Uses up a refresh token (each is good once); the person it belonged to, if it was valid. */
  static Optional<Long> use(Connection c, String tokenHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(USE)) {
      s.setString(1, tokenHash);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  static boolean revoke(Connection c, String tokenHash, long personId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REVOKE)) {
      s.setString(1, tokenHash);
      s.setLong(2, personId);
      return s.executeUpdate() > 0;
    }
  }
}
