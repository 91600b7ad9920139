package org.geohazard.telemetry.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a database that refuses the data (retrying cannot help) from one that is unavailable (retrying will), and
 * both from the rest: failures nobody expected, which are retried a few times and then isolated message by message.
 */
final class StorageErrors {
  /**
   * SQLSTATE classes of a database that cannot work now: 08 connection, 40 transaction rollback (serialization,
   * deadlock), 53 insufficient resources, 57 operator intervention (shutdown, statement timeout), 58 system error
   * (I/O); and 55P03, a lock not available.
   */
  private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "40", "53", "57", "58");
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private StorageErrors() {
  }

  static boolean isContentError(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 22 data exception, 23 integrity constraint violation, 54 program limit exceeded
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("54")) {
          return true;
        }
      }
      if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t
          && isContentError(sql.getNextException())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the failure says the database cannot be reached or cannot work now: such a batch is retried for as long
   * as it takes, and nothing is acknowledged meanwhile.
   */
  static boolean isUnavailable(Throwable failure) {
    if (!(failure instanceof SQLException)) {
      return false;
    }
    if (((SQLException) failure).getSQLState() == null) {
      // the driver's and the pool's own failures (a closed connection, an I/O error) carry no state
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException || t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
          && (UNAVAILABLE_CLASSES.contains(sql.getSQLState().substring(0, 2))
          || LOCK_NOT_AVAILABLE.equals(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
