package org.geohazard.alerts.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The app tokens of the people to notify; tokens the push service reports as dead are removed. */
public final class PushTokens {
  private static final String TOKENS = "SELECT person_id, token FROM push_token WHERE person_id = ANY (?) ORDER BY id";
  private static final String REMOVE = "DELETE FROM push_token WHERE token = ANY (?)";

  private PushTokens() {
  }

  public static Map<Long, List<String>> byPerson(Connection c, Collection<Long> people) throws SQLException {
    Map<Long, List<String>> tokens = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(TOKENS)) {
      s.setArray(1, c.createArrayOf("bigint", people.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          tokens.computeIfAbsent(r.getLong(1), p -> new ArrayList<>()).add(r.getString(2));
        }
      }
    }
    return tokens;
  }

  public static int remove(Connection c, Collection<String> tokens) throws SQLException {
    if (tokens.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(REMOVE)) {
      s.setArray(1, c.createArrayOf("text", tokens.toArray()));
      return s.executeUpdate();
    }
  }
}
