package org.geohazard.api.monitors;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.geohazard.alerts.AlertActions;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;

/**
 * Danger reports (险情报告): filed from the slope, pushed to the duty officers at once, then raised as a manual alert
 * or dismissed by the duty room — once.
 */
final class ReportHandlers {
  private static final int TITLE_LENGTH = 200;

  /** Reports from the public: at most this many an hour from one person, so nobody can flood the duty room. */
  static final int PUBLIC_REPORTS = 5;
  static final Duration PUBLIC_WINDOW = Duration.ofHours(1);
  private final Database database;
  private final AlertActions actions;

  ReportHandlers(Database database, AlertActions actions) {
    this.database = database;
    this.actions = actions;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("createReport").addHandler(this::create);
    builder.getRoute("listReports").addHandler(this::list);
    builder.getRoute("getReport").addHandler(this::get);
    builder.getRoute("raiseAlertFromReport").addHandler(this::raiseAlert);
    builder.getRoute("dismissReport").addHandler(this::dismiss);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String point = body.getString("point");
    List<String> signs = List.copyOf(new LinkedHashSet<>(body.getJsonArray("signs").stream()
        .map(String.class::cast).toList()));
    String description = Inputs.text(body, "description");
    double[] location = Inputs.location(body);
    database.inTransaction(c -> {
      AccessQueries.requireAtPoint(c, person, point, Scope.MAY_REPORT, "file danger reports");
      boolean fromPublic = !AccessQueries.atPoint(c, person, point, Scope.STAFF);
      if (fromPublic && ReportQueries.filedSince(c, person, Instant.now().minus(PUBLIC_WINDOW)) >= PUBLIC_REPORTS) {
        throw ApiException.tooOften("too-many-reports", "Too many danger reports", "at most " + PUBLIC_REPORTS
            + " danger reports an hour from one person; call the duty room if the danger grows",
            PUBLIC_WINDOW.toSeconds());
      }
      ReportQueries.NewReport report = new ReportQueries.NewReport(point, person, signs, description,
          body.getString("suggested_level"), location, AlertActions.drillActive(c, point), fromPublic);
      long id = ReportQueries.insert(c, report);
      JsonObject created = ReportQueries.find(c, person, id).orElseThrow();
      ReportNoticeWriter.toDutyOfficers(c, id, point, created.getString("point_name"), report);
      return created;
    }).onSuccess(created -> Responses.created(ctx, Ledger.REPORT.path + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    ReportQueries.Filter filter = new ReportQueries.Filter(query.text("point"), query.text("state"),
        Cursor.id(query.text("cursor")), limit);
    database.withConnection(c -> ReportQueries.list(c, person, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor",
            items.size() < limit ? null : Cursor.ofId(items.get(items.size() - 1).getLong("id")))))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("reportId");
    database.withConnection(c -> ReportQueries.find(c, person, id))
        .onSuccess(report -> report.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.notFound("no danger report " + id + " that you may see"))))
        .onFailure(ctx::fail);
  }

  /** A manual alert from the report, at the level given or else the one suggested. */
  void raiseAlert(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("reportId");
    JsonObject body = ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    String note = Inputs.text(body, "note");
    database.inTransaction(c -> {
      ReportQueries.Locked report = decidable(c, person, id, "raise an alert from");
      WarningLevel level = WarningLevel.byKey(body.getString("level", report.level())).orElseThrow();
      String title = title(report);
      long alert = actions.raiseManual(c, report.point(), level, title,
          note != null ? note : report.description(), person);
      ReportQueries.decide(c, id, "alert_raised", alert, person, note);
      return ReportQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void dismiss(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("reportId");
    String note = Inputs.text(ctx.body().asJsonObject(), "note");
    database.inTransaction(c -> {
      decidable(c, person, id, "dismiss");
      ReportQueries.decide(c, id, "dismissed", null, person, note);
      return ReportQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The report, locked, when the caller may decide on it and nobody has yet. */
  private static ReportQueries.Locked decidable(Connection c, long person, long id, String what)
      throws SQLException {
    AccessQueries.requireOnRecord(c, person, Ledger.REPORT, id, Scope.MAY_RESOLVE, what);
    ReportQueries.Locked report = ReportQueries.lock(c, id);
    if (!report.state().equals("open")) {
      throw ApiException.conflict("danger report " + id + " was already decided: " + report.state());
    }
    return report;
  }

  private static String title(ReportQueries.Locked report) {
    String title = "Danger report: " + report.pointName() + ": " + ReportNoticeWriter.signs(report.signs());
    return title.length() <= TITLE_LENGTH ? title : title.substring(0, TITLE_LENGTH - 1) + "…";
  }
}
