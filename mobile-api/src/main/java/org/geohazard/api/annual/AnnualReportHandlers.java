package org.geohazard.api.annual;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.CountyScope;
import org.geohazard.api.RequestParams;
import org.geohazard.api.RowScopes;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The year-end report of a county, written by the system ({@code GET /reports/annual}: PDF, Word or JSON), and the rows
 * behind each of its figures ({@code GET /reports/annual/rows}), for the county's duty officers and leaders and the
 * administrators.
 */
public final class AnnualReportHandlers {
  /** Rows of one figure shown at most; the figure still counts them all. */
  static final int MAX_ROWS = 5_000;
  private static final String READ = CountyScope.dutyRoom("k");
  private static final String PDF = "application/pdf";
  private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  private static final Logger LOG = LoggerFactory.getLogger(AnnualReportHandlers.class);
  private final Database database;
  private final Optional<File> font;

  public AnnualReportHandlers(Database database, Path reportFont) {
    this.database = database;
    this.font = ReportFont.find(reportFont);
    if (font.isEmpty()) {
      LOG.warn("The year-end report is served as JSON only: {}", ReportFont.missing());
    }
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("annualReport").addHandler(this::report);
    builder.getRoute("annualReportRows").addHandler(this::rows);
  }

  void report(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    ReportQueries.Scope scope = new ReportQueries.Scope(query.text("county"), query.integer("year", 0));
    String format = query.text("format") == null ? "pdf" : query.text("format");
    File font = format.equals("json") ? null : this.font
        .orElseThrow(() -> new ApiException(503, "report-font-missing", "Report font missing", ReportFont.missing()));
    String rowsBase = rowsBase(ctx, scope);
    database.withConnection(c -> {
      requireRead(c, person, scope.county());
      return AnnualReport.build(c, scope);
    }).compose(report -> database.withoutConnection(() -> {
      if (format.equals("json")) {
        return Buffer.buffer(report.json(rowsBase).encode());
      }
      List<ReportBlocks> blocks = ReportLayout.blocks(report, new ReportCharts(font), rowsBase);
      return Buffer.buffer(format.equals("docx") ? ReportDocx.write(blocks)
          : ReportPdf.write(blocks, font, scope.county() + scope.year() + "年度地质灾害防治工作情况"));
    })).onSuccess(body -> {
      String type = switch (format) {
        case "json" -> "application/json";
        case "docx" -> DOCX;
        default -> PDF;
      };
      if (!format.equals("json")) {
        String file = "annual-report-" + scope.year() + "." + format;
        ctx.response().putHeader("Content-Disposition", "attachment; filename=" + file + "; filename*=UTF-8''"
            + URLEncoder.encode(scope.county() + "-" + file, StandardCharsets.UTF_8).replace("+", "%20"));
      }
      ctx.response().putHeader("Content-Type", type).end(body);
    }).onFailure(ctx::fail);
  }

  void rows(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    ReportQueries.Scope scope = new ReportQueries.Scope(query.text("county"), query.integer("year", 0));
    String key = query.text("figure");
    ReportFigure figure = ReportFigures.byKey(key).orElseThrow(() -> ApiException.invalid("unknown-figure",
        "Unknown figure", "the report has no figure " + key));
    database.withConnection(c -> {
      requireRead(c, person, scope.county());
      long value = ReportQueries.value(c, figure, scope);
      ReportQueries.Rows rows = ReportQueries.rows(c, figure, scope, MAX_ROWS);
      return new JsonObject().put("figure", figure.key()).put("label", figure.label()).put("unit", figure.unit())
          .put("county", scope.county()).put("year", scope.year()).put("value", value)
          .put("summed", figure.summed()).put("columns", rows.columns()).put("rows", rows.rows())
          .put("truncated", rows.rows().size() == MAX_ROWS);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static void requireRead(Connection c, long person, String county) throws SQLException {
    if (!RowScopes.holdsInCounty(c, "k", county, READ, person)) {
      throw ApiException.forbidden("your roles do not let you read the report of " + county);
    }
  }

  /** The address of the rows behind a figure, as the caller reached this server, waiting for the figure's key. */
  private static String rowsBase(RoutingContext ctx, ReportQueries.Scope scope) {
    URI uri = URI.create(ctx.request().absoluteURI());
    return uri.getScheme() + "://" + uri.getRawAuthority() + "/api/v1/reports/annual/rows?year=" + scope.year()
        + "&county=" + URLEncoder.encode(scope.county(), StandardCharsets.UTF_8) + "&figure=";
  }
}
