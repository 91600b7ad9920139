package org.geohazard.api.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * People's credentials, refresh tokens and sign-in attempts. Sessions also end in the database itself: a changed
 * password or a lost role revokes the person's refresh tokens (triggers of migration V267), whichever code changed it.
 */
final class SessionRepository {
  private static final String CREDENTIALS = "SELECT id, password_hash FROM person WHERE phone = ?";
  private static final String LOCK_ATTEMPTS = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
  private static final String FAILURES_SINCE_SUCCESS = """
      SELECT count(*), extract(epoch FROM clock_timestamp() - max(at)) * 1000, 0 FROM login_attempt
      WHERE phone = ? AND address = ? AND NOT succeeded AND at > clock_timestamp() - ? * INTERVAL '1 millisecond'
        AND at > coalesce((SELECT max(at) FROM login_attempt WHERE phone = ? AND address = ? AND succeeded),
                          '-infinity')""";
  private static final String FAILURES_OF_ADDRESS = """
      SELECT count(*), extract(epoch FROM clock_timestamp() - max(at)) * 1000,
             extract(epoch FROM clock_timestamp() - min(at)) * 1000 FROM login_attempt
      WHERE address = ? AND NOT succeeded AND at > clock_timestamp() - ? * INTERVAL '1 millisecond'""";
  private static final String PRUNE_ATTEMPTS = """
      DELETE FROM login_attempt WHERE id IN (SELECT id FROM login_attempt
        WHERE at < clock_timestamp() - ? * INTERVAL '1 millisecond' ORDER BY at LIMIT 100 FOR UPDATE SKIP LOCKED)""";
  private static final String ATTEMPT = """
      INSERT INTO login_attempt (phone, address, succeeded, at) VALUES (?, ?, false, clock_timestamp()) RETURNING id""";
  private static final String ATTEMPT_FINISHED =
      "UPDATE login_attempt SET succeeded = ?, at = clock_timestamp() WHERE id = ?";
  private static final String ISSUE = """
      INSERT INTO refresh_token (person_id, token_hash, expires_at, family)
      VALUES (?, ?, ?, coalesce(?::uuid, gen_random_uuid()))""";
  private static final String FIND = """
      SELECT id, person_id, family, used_at IS NOT NULL, revoked_at IS NULL AND expires_at > now()
      FROM refresh_token WHERE token_hash = ? FOR UPDATE""";
  private static final String MARK_USED = "UPDATE refresh_token SET used_at = now() WHERE id = ?";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_token SET revoked_at = now() WHERE family = ?::uuid AND revoked_at IS NULL";
  private static final String REVOKE = """
      UPDATE refresh_token SET revoked_at = now()
      WHERE family = (SELECT family FROM refresh_token WHERE token_hash = ? AND person_id = ?)
        AND revoked_at IS NULL""";

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

  /** Failed sign-ins within a window: how many, and how long ago the last and the first were. */
  record Failures(long count, Duration sinceLast, Duration sinceFirst) {
  }

  /** Serialises the attempts of one account from one client address until the transaction ends. */
  static void lockAttempts(Connection c, String phone, String address) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK_ATTEMPTS)) {
      s.setString(1, phone + "\n" + address);
      s.executeQuery().close();
    }
  }

  /** The failures of one account from one address within the window, since that address's last success. */
  static Failures failuresSinceSuccess(Connection c, String phone, String address, Duration window)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FAILURES_SINCE_SUCCESS)) {
      s.setString(1, phone);
      s.setString(2, address);
      s.setLong(3, window.toMillis());
      s.setString(4, phone);
      s.setString(5, address);
      return failures(s);
    }
  }

  /** The failures from one address, whatever the account, within the window. */
  static Failures failuresOfAddress(Connection c, String address, Duration window) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FAILURES_OF_ADDRESS)) {
      s.setString(1, address);
      s.setLong(2, window.toMillis());
      return failures(s);
    }
  }

  private static Failures failures(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      r.next();
      return new Failures(r.getLong(1), Duration.ofMillis(r.getLong(2)), Duration.ofMillis(r.getLong(3)));
    }
  }

  /** Forgets a bounded number of attempts older than the window (each sign-in does a little of this). */
  static void pruneAttempts(Connection c, Duration window) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PRUNE_ATTEMPTS)) {
      s.setLong(1, window.toMillis());
      s.executeUpdate();
    }
  }

  /** Records an attempt as failed until {@link #attemptFinished} says otherwise; its id. */
  static long attempt(Connection c, String phone, String address) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ATTEMPT)) {
      s.setString(1, phone);
      s.setString(2, address);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The outcome of an attempt, timed when it became known. */
  static void attemptFinished(Connection c, long attempt, boolean succeeded) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ATTEMPT_FINISHED)) {
      s.setBoolean(1, succeeded);
      s.setLong(2, attempt);
      s.executeUpdate();
    }
  }

  /** A refresh token as stored: its family, whether it was already used, whether it is still valid. */
  record RefreshToken(long id, long personId, String family, boolean used, boolean valid) {
  }

  /** Stores a refresh token: of a family, or (null) the first of a new one. */
  static void issue(Connection c, long personId, String tokenHash, Instant expires, String family)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ISSUE)) {
      s.setLong(1, personId);
      s.setString(2, tokenHash);
      s.setTimestamp(3, Timestamp.from(expires));
      s.setString(4, family);
      s.executeUpdate();
    }
  }

  /** The token with this hash, locked until the transaction ends. */
  static Optional<RefreshToken> find(Connection c, String tokenHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, tokenHash);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new RefreshToken(r.getLong(1), r.getLong(2), r.getString(3), r.getBoolean(4),
            r.getBoolean(5)));
      }
    }
  }

  static void markUsed(Connection c, long tokenId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(MARK_USED)) {
      s.setLong(1, tokenId);
      s.executeUpdate();
    }
  }

  /** Revokes every token of a family that is not revoked yet; how many. */
  static int revokeFamily(Connection c, String family) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REVOKE_FAMILY)) {
      s.setString(1, family);
      return s.executeUpdate();
    }
  }

  /** Signs a session out: revokes the family of the given token, when it is the person's. */
  static boolean revoke(Connection c, String tokenHash, long personId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(REVOKE)) {
      s.setString(1, tokenHash);
      s.setLong(2, personId);
      return s.executeUpdate() > 0;
    }
  }
}
