package org.geohazard.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.geohazard.alerts.WarningRules;
import org.geohazard.app.config.RegistryMode;
import org.geohazard.registry.RegistryFileParser;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.registry.RegistrySource;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry at start, by {@code registry.mode}: in file mode every source is imported and recorded as owning what
 * it lists; in api mode the sources seed an empty database once, and afterwards only a changed file is reported.
 * One transaction, serialised between gateways starting together: an error changes nothing.
 */
final class RegistryStartup {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryStartup.class);

  /** A registry's text and the name it is known by (the file's path, or the demo registry). */
  record Source(String name, String text) {
  }

  private RegistryStartup() {
  }

  static void apply(Connection connection, RegistryMode mode, List<Source> sources) throws SQLException {
    Database.inTransaction(connection, c -> {
      RegistrySource.lock(c);
      if (mode == RegistryMode.FILE) {
        RegistrySource.clearOwned(c);
        for (Source source : sources) {
          RegistrySpec spec = importSource(c, source);
          RegistrySource.recordOwned(c, source.name(), RegistrySource.Owned.of(spec));
        }
      } else if (!sources.isEmpty()) {
        // a node without a registry (an API node) leaves what the gateways' files own alone
        RegistrySource.clearOwned(c);
        seedOnce(c, sources);
      }
      return null;
    });
  }

  private static void seedOnce(Connection c, List<Source> sources) throws SQLException {
    Map<String, String> seeds = RegistrySource.seeds(c);
    if (seeds.isEmpty()) {
      boolean empty = RegistrySource.registryEmpty(c);
      for (Source source : sources) {
        if (empty) {
          importSource(c, source);
        } else {
          LOG.info("[registry: {}] The database already holds a registry: not imported (registry.mode=api, the API"
              + " is the truth)", source.name());
        }
        RegistrySource.recordSeed(c, source.name(), source.text());
      }
      return;
    }
    for (Source source : sources) {
      String seeded = seeds.get(source.name());
      if (seeded == null || !seeded.equals(RegistrySource.digest(source.text()))) {
        LOG.warn("[registry: {}] {} since the database was seeded: not imported (registry.mode=api, the API is the"
            + " truth). Make the change through the API, or set registry.mode=file to let the file own the registry",
            source.name(), seeded == null ? "New" : "Changed");
      }
    }
  }

  /**
   * Points, devices and people, the points' warning rules and the roster, then the residents whose homes lie in the
   * points' zones.
   */
  private static RegistrySpec importSource(Connection c, Source source) throws SQLException {
    RegistrySpec spec = RegistryFileParser.parse(source.text());
    RegistryImporter.Summary summary = RegistryImporter.importSpec(c, spec);
    int rules = WarningRules.importRules(c, spec.rules());
    int shifts = WarningRules.importRoster(c, spec.roster());
    Households.recomputeImported(c, spec.points().stream().map(RegistrySpec.Point::code).toList(),
        spec.people().stream().map(RegistrySpec.Person::phone).toList());
    LOG.info("Registry imported from {}: {}, {} warning rules, {} duty shifts", source.name(), summary, rules, shifts);
    return spec;
  }
}
