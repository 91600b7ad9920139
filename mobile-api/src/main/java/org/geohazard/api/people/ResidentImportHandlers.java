package org.geohazard.api.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/**
 * Administrators import residents from a CSV file: rows are upserted by phone, their homes set (deriving their zone
 * points) and the named point assigned; rejected rows are reported and do not stop the others. One transaction.
 */
public final class ResidentImportHandlers {
  private final Database database;

  public ResidentImportHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("importResidents").addHandler(this::importFile);
  }

  public void importFile(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    // The contract describes this text/csv body but the router cannot validate it: checked here and in ResidentCsv.
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).matches("text/csv\\s*(;.*)?")) {
      ctx.fail(new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "send the residents file as text/csv (UTF-8)"));
      return;
    }
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    database.withConnection(c -> {
      RoleQueries.requireAdmin(c, person);
      List<ResidentCsv.Row> rows = ResidentCsv.parse(bytes);
      return Database.inTransaction(c, tx -> apply(tx, rows));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject apply(Connection c, List<ResidentCsv.Row> rows) throws SQLException {
    Households.Zones zones = new Households.Zones();
    Map<String, Boolean> points = new HashMap<>();
    Map<String, Long> phones = new HashMap<>();
    int created = 0;
    int updated = 0;
    JsonArray report = new JsonArray();
    for (ResidentCsv.Row row : rows) {
      String reason = row.reason();
      if (reason == null && phones.containsKey(row.phone())) {
        reason = "phone " + row.phone() + " appears already at line " + phones.get(row.phone());
      }
      if (reason == null) {
        reason = OwnedByFile.personOwner(c, row.phone())
            .map(file -> "person " + row.phone() + ": owned by the registry file " + file + " (registry.mode=file)")
            .orElse(null);
      }
      if (reason == null && row.point() != null
          && !points.computeIfAbsent(row.point(), code -> exists(c, code))) {
        reason = "there is no hazard point " + row.point();
      }
      JsonObject line = new JsonObject().put("line", row.line()).put("phone", row.phone());
      if (reason != null) {
        report.add(line.put("outcome", "rejected").put("reason", reason).put("points", new JsonArray()));
        continue;
      }
      phones.put(row.phone(), row.line());
      long[] upserted = PeopleRepository.upsertResident(c, row.name(), row.phone(), row.lat(), row.lon());
      List<String> resident = new ArrayList<>();
      if (row.point() != null) {
        PeopleRepository.addGrants(c, upserted[0], List.of(new PeopleRepository.Grant("resident", "", row.point())));
        resident.add(row.point());
      }
      Households.recomputePerson(c, upserted[0], zones).stream().filter(p -> !resident.contains(p))
          .forEach(resident::add);
      boolean isNew = upserted[1] == 1;
      created += isNew ? 1 : 0;
      updated += isNew ? 0 : 1;
      report.add(line.put("outcome", isNew ? "created" : "updated").putNull("reason")
          .put("points", new JsonArray(resident)));
    }
    return new JsonObject().put("created", created).put("updated", updated)
        .put("rejected", rows.size() - created - updated).put("rows", report);
  }

  private static boolean exists(Connection c, String code) {
    try {
      return PeopleRepository.pointExists(c, code);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
