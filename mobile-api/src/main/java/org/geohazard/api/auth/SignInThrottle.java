package org.geohazard.api.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.geohazard.api.problem.ApiException;

/**
 * Slows down failed sign-ins per account and client address, and per address across accounts, so that nobody can
 * lock an account for its owner: a client with no failures of its own always gets its password checked. The state
 * is the {@code login_attempt} table, shared by every API node, pruned as attempts are made.
 *
 * <p>An attempt is recorded as failed before its password is checked and given its outcome afterwards, so parallel
 * guesses from one client see each other; guesses for one account from one client are also serialised.
 */
final class SignInThrottle {
  private final SignInLimits limits;

  SignInThrottle(SignInLimits limits) {
    this.limits = limits;
  }

  /** Records the start of an attempt, or refuses it (429 with Retry-After) while the client must wait. */
  long begin(Connection c, String phone, String client) throws SQLException {
    SessionRepository.lockAttempts(c, phone, client);
    SessionRepository.Failures mine = SessionRepository.failuresSinceSuccess(c, phone, client, limits.window());
    Duration delay = limits.delayAfter(mine.count());
    Duration wait = delay.minus(mine.sinceLast());
    if (!delay.isZero() && !wait.isNegative() && !wait.isZero()) {
      throw tooMany(wait, "too many failed sign-ins for this account from this address");
    }
    SessionRepository.Failures address = SessionRepository.failuresOfAddress(c, client, limits.window());
    if (address.count() >= limits.failuresPerAddress()) {
      throw tooMany(limits.window().minus(address.sinceFirst()),
          "too many failed sign-ins from this address");
    }
    SessionRepository.pruneAttempts(c, limits.window());
    return SessionRepository.attempt(c, phone, client);
  }

  /**
   * Records the outcome of an attempt once its password was checked; the wait after a failure starts then. A right
   * password clears the client's failures for the account.
   */
  void finish(Connection c, long attempt, boolean succeeded) throws SQLException {
    SessionRepository.attemptFinished(c, attempt, succeeded);
  }

  private static ApiException tooMany(Duration wait, String detail) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return ApiException.tooManyRequests(detail + "; try again in " + seconds + " s", seconds);
  }
}
