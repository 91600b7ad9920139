package org.geohazard.app;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.geohazard.registry.RegistrySource;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo county's previous year of example activity ({@link DemoStack#activityText()}), loaded once into the demo's
 * database after its registry: recorded in {@code registry_seed} as the source {@value #SOURCE}, so a restart never
 * loads it again. A database whose registry predates the demo's points and people (an older demo's data directory, in
 * {@code registry.mode: api}) is left as it is. One transaction, serialised with the registry's imports.
 */
final class DemoActivity {
  static final String SOURCE = "demo activity";
  private static final Logger LOG = LoggerFactory.getLogger(DemoActivity.class);
  private static final String MISSING_POINTS = "SELECT count(*) FROM unnest(?::text[]) c WHERE NOT EXISTS"
      + " (SELECT 1 FROM hazard_point p WHERE p.code = c)";
  private static final String MISSING_PEOPLE = "SELECT count(*) FROM unnest(?::text[]) n WHERE NOT EXISTS"
      + " (SELECT 1 FROM person p WHERE p.phone = n)";

  private DemoActivity() {
  }

  /** Loads the activity unless it is there already; whether it was loaded now. */
  static boolean loadOnce(Connection connection, String sql, RegistrySpec demo) throws SQLException {
    return Database.inTransaction(connection, c -> {
      RegistrySource.lock(c);
      if (RegistrySource.seeds(c).containsKey(SOURCE)) {
        return false;
      }
      if (missing(c, MISSING_POINTS, demo.points().stream().map(RegistrySpec.Point::code).toList()) > 0
          || missing(c, MISSING_PEOPLE, demo.people().stream().map(RegistrySpec.Person::phone).toList()) > 0) {
        LOG.info("[registry: demo registry] The database holds an older demo registry: its year of example activity"
            + " is not loaded (start the demo on an empty data directory to have it)");
        return false;
      }
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      RegistrySource.recordSeed(c, SOURCE, sql);
      LOG.info("Demo activity loaded: the demo county's previous year, for its year-end report");
      return true;
    });
  }

  private static long missing(Connection c, String sql, List<String> keys) throws SQLException {
    Array array = c.createArrayOf("text", keys.toArray());
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setArray(1, array);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } finally {
      array.free();
    }
  }
}
