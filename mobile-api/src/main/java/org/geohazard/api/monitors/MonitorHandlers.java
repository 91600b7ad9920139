package org.geohazard.api.monitors;

import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.geohazard.alerts.AlertActions;
import org.geohazard.storage.Database;

/** The monitors' ledger of a point: patrol records, danger reports (which may become manual alerts), their photos. */
public final class MonitorHandlers {
  private final PatrolHandlers patrols;
  private final ReportHandlers reports;
  private final PhotoHandlers photos;

  public MonitorHandlers(Database database, AlertActions actions) {
    this.patrols = new PatrolHandlers(database);
    this.reports = new ReportHandlers(database, actions);
    this.photos = new PhotoHandlers(database);
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    patrols.mount(builder);
    reports.mount(builder);
    photos.mount(builder);
  }
}
