package org.geohazard.api.points;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.api.people.HomeClaimHandlers;
import org.geohazard.api.people.HomeHandlers;
import org.geohazard.api.people.PeopleHandlers;
import org.geohazard.api.people.ResidentImportHandlers;
import org.geohazard.api.zones.HazardQueryHandlers;
import org.geohazard.storage.Database;

/**
 * The contract section "hazard points and their zones, people and roles, residents' warnings, the hazard query":
 * administration of points and people, the residents' import, homes and warnings, and the hazard query.
 */
public final class RegistryHandlers {
  private final Database database;

  public RegistryHandlers(Database database) {
    this.database = database;
  }

  /** Binds this section's operations of the contract. */
  public void mount(RouterBuilder builder) {
    new AdminPointHandlers(database).mount(builder);
    new PeopleHandlers(database).mount(builder);
    new ResidentImportHandlers(database).mount(builder);
    new HomeHandlers(database).mount(builder);
    new HomeClaimHandlers(database).mount(builder);
    new HazardQueryHandlers(database).mount(builder);
  }
}
