package org.geohazard.gateway.pipeline;

import java.sql.SQLException;

/** Tells a database that refuses the data (retrying cannot help) from one that is unavailable (retrying will). */
final class StorageErrors {
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
}
