package org.geohazard.api.duty;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.alerts.AlertActions;
import org.geohazard.alerts.cap.CapWriter;
import org.geohazard.api.figures.FigureHandlers;
import org.geohazard.storage.Database;

/**
 * The duty room's operations: deliveries of an alert, manual alerts, drills, who is on duty, dead letters, CAP
 * documents, and the year's figures.
 */
public final class DutyHandlers {
  private final Database database;
  private final AlertActions actions;
  private final CapWriter cap;

  public DutyHandlers(Database database, AlertActions actions, CapWriter cap) {
    this.database = database;
    this.actions = actions;
    this.cap = cap;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    new DeliveryHandlers(database).mount(builder);
    new ManualAlertHandlers(database, actions).mount(builder);
    new DrillHandlers(database, actions).mount(builder);
    new ShiftHandlers(database).mount(builder);
    new DeadLetterHandlers(database).mount(builder);
    new CapHandlers(database, cap).mount(builder);
    new FigureHandlers(database).mount(builder);
  }
}
