package org.geohazard.api.exports;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import org.geohazard.api.RequestParams;
import org.geohazard.api.auth.Tokens;
import org.geohazard.storage.Database;

/**
 * Export for the provincial system (省级地质灾害信息系统): a county's hazard points, disaster events, patrols and
 * warnings as files of stable, documented columns ({@code docs/export.md}) that its duty room uploads — CSV for Excel,
 * WPS and the province's import, or the same rows as JSON. Who exports which county in {@link ExportScope}; the
 * columns in {@link Datasets}; the rows are read off the event loop and bounded ({@link ExportQuery}).
 */
public final class ExportHandlers {
  private final Database database;

  public ExportHandlers(Database database) {
    this.database = database;
  }

  /** A file written, and its name. */
  private record Export(ExportFile file, String name) {
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("exportDataset").addHandler(this::export);
  }

  void export(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    Dataset dataset = Datasets.named(query.pathText("dataset")).orElseThrow();
    Instant now = Instant.now();
    int year = query.integer("year", 0);
    int month = query.integer("month", 0);
    ExportPeriod period = ExportPeriod.of(dataset, year, month, now);
    String county = query.text("county");
    boolean json = "json".equals(query.text("format"));
    database.withConnection(c -> {
      ExportScope scope = ExportScope.of(c, person, county);
      ExportFile file = json ? new JsonFile(new JsonObject().put("dataset", dataset.name())
          .put("county", scope.named()).put("year", year == 0 ? null : year).put("month", month == 0 ? null : month)
          .put("generated_at", ColumnType.time(now)), dataset.columnNames())
          : new CsvFile(dataset.columnNames());
      ExportQuery.write(c, dataset, scope, period.from(), period.to(), file);
      return new Export(file, Attachment.fileName(dataset.name(), scope.named(), period.label(), file.extension()));
    }).onSuccess(export -> ctx.response().putHeader("Content-Type", export.file().contentType())
            .putHeader("Content-Disposition", Attachment.header(export.name()))
            .putHeader("Cache-Control", "no-store").end(export.file().finish()))
        .onFailure(ctx::fail);
  }
}
