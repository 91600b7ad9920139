package org.geohazard.api.admin;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.api.admin.devices.DeviceHandlers;
import org.geohazard.api.admin.policy.PolicyHandlers;
import org.geohazard.api.admin.roster.RosterHandlers;
import org.geohazard.api.admin.rules.RuleHandlers;
import org.geohazard.storage.Database;

/** The administration endpoints (devices and channels, warning rules, recipient policy, duty roster), admin only. */
public final class AdminHandlers {
  private final Database database;

  public AdminHandlers(Database database) {
    this.database = database;
  }

  /** Binds the administration operations of the contract, each behind the admin check. */
  public void mount(RouterBuilder builder) {
    AdminGuard guard = new AdminGuard(database);
    new DeviceHandlers(database).mount(builder, guard);
    new RuleHandlers(database).mount(builder, guard);
    new PolicyHandlers(database).mount(builder, guard);
    new RosterHandlers(database).mount(builder, guard);
  }
}
