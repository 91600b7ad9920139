package org.geohazard.api.monitors;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.campaigns.CampaignAccess;
import org.geohazard.api.houses.HouseAccess;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Photos of patrols, reports and inspections: uploaded as the raw image bytes, which the contract describes but the router does
 * not validate (it has no image media types), so the type and magic bytes are checked here.
 */
final class PhotoHandlers {
  private final Database database;

  PhotoHandlers(Database database) {
    this.database = database;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("addPatrolPhoto").addHandler(ctx -> add(ctx, Ledger.PATROL, "patrolId", Scope.MAY_PATROL));
    builder.getRoute("getPatrolPhoto").addHandler(ctx -> get(ctx, Ledger.PATROL, "patrolId"));
    // whoever may see a report may add photos to it: its point's staff, and its reporter
    builder.getRoute("addReportPhoto").addHandler(ctx -> add(ctx, Ledger.REPORT, "reportId", Ledger.REPORT.visible));
    builder.getRoute("getReportPhoto").addHandler(ctx -> get(ctx, Ledger.REPORT, "reportId"));
    builder.getRoute("addHouseInspectionPhoto").addHandler(ctx -> add(ctx, Ledger.HOUSE_INSPECTION, "inspectionId",
        HouseAccess.onHouseOf("a", HouseAccess.INSPECT)));
    builder.getRoute("getHouseInspectionPhoto").addHandler(ctx -> get(ctx, Ledger.HOUSE_INSPECTION, "inspectionId"));
    builder.getRoute("addCampaignInspectionPhoto").addHandler(ctx -> add(ctx, Ledger.CAMPAIGN_INSPECTION,
        "inspectionId", CampaignAccess.onTargetOf("a", CampaignAccess.INSPECT)));
    builder.getRoute("getCampaignInspectionPhoto").addHandler(ctx -> get(ctx, Ledger.CAMPAIGN_INSPECTION,
        "inspectionId"));
  }

  /** Anyone who may file such a record at the point may add a photo to one there. */
  private void add(RoutingContext ctx, Ledger ledger, String idName, String rule) {
    long person = Tokens.person(ctx);
    long record = RequestParams.of(ctx).pathLong(idName);
    String type = PhotoUploads.contentType(ctx.request().getHeader("Content-Type"),
        ctx.body() == null ? null : ctx.body().buffer());
    database.inTransaction(c -> {
      AccessQueries.requireOnRecord(c, person, ledger, record, rule, "add photos to");
      return PhotoQueries.add(c, ledger, record, type, ctx.body().buffer(), person);
    }).onSuccess(photo -> Responses.created(ctx, photo.getString("href"), photo))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx, Ledger ledger, String idName) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    long record = params.pathLong(idName);
    long photo = params.pathLong("photoId");
    database.withConnection(c -> AccessQueries.visible(c, person, ledger, record)
            ? PhotoQueries.find(c, ledger, record, photo) : Optional.<PhotoQueries.Photo>empty())
        .onSuccess(found -> found.ifPresentOrElse(p -> ctx.response()
                .putHeader("Content-Type", p.contentType())
                .putHeader("Cache-Control", "private, max-age=86400")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(p.data()),
            () -> ctx.fail(ApiException.notFound("no photo " + photo + " of a " + ledger.noun + " that you may see"))))
        .onFailure(ctx::fail);
  }
}
