package org.geohazard.api.treatment;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.RowScopes;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.alerts.Scope;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.RegistrySource;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/**
 * Engineering treatment (工程治理) of hazard points and their strike-off (销号). A point under treatment has a project
 * (stage, dates, acceptance); a point is struck off with its reason and evidence, which delists it: it keeps its row,
 * its history and its place in re-check campaigns, and no longer derives residents from its zone. Scopes in
 * {@link Scope}: the point's staff see, its county's duty officers record.
 */
public final class TreatmentHandlers {
  private static final String PROJECTS = "treatment_project";
  private final Database database;

  public TreatmentHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createTreatment").addHandler(this::create);
    builder.getRoute("listTreatments").addHandler(this::list);
    builder.getRoute("getTreatment").addHandler(this::get);
    builder.getRoute("updateTreatment").addHandler(this::update);
    builder.getRoute("strikeOffPoint").addHandler(this::strikeOff);
    builder.getRoute("listStrikeOffs").addHandler(this::strikeOffs);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    TreatmentQueries.NewProject project = project(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      requireRecordAt(c, person, project.point(), "record treatment of point " + project.point());
      long id = TreatmentQueries.insert(c, project, person);
      return TreatmentQueries.find(c, person, id).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/treatments/" + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    TreatmentQueries.Filter filter = new TreatmentQueries.Filter(query.text("county"), query.text("point"),
        query.text("stage"));
    database.withConnection(c -> TreatmentQueries.list(c, person, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("treatmentId");
    database.withConnection(c -> TreatmentQueries.find(c, person, id)
            .orElseThrow(() -> ApiException.notFound(noProject(id))))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("treatmentId");
    TreatmentQueries.NewProject project = project(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      RowScopes.require(c, PROJECTS, "a", id, Scope.STAFF, Scope.DUTY_OFFICERS, person, noProject(id),
          "correct this project");
      requireRecordAt(c, person, project.point(), "move a project to point " + project.point());
      TreatmentQueries.update(c, id, project);
      return TreatmentQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void strikeOff(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String code = ctx.pathParam("code");
    JsonObject body = ctx.body().asJsonObject();
    StrikeOffQueries.NewStrikeOff strikeOff = new StrikeOffQueries.NewStrikeOff(code, body.getString("reason"),
        Inputs.text(body, "evidence"), body.getLong("treatment_id"), Inputs.pastDate(body, "struck_off_on"));
    database.inTransaction(c -> {
      requireRecordAt(c, person, code, "strike off point " + code);
      String status = StrikeOffQueries.status(c, code).orElseThrow();
      if (StrikeOffQueries.struckOff(c, code)) {
        throw ApiException.conflict("hazard point " + code + " is struck off already");
      }
      if (strikeOff.treatment() != null
          && !TreatmentQueries.point(c, strikeOff.treatment()).map(code::equals).orElse(false)) {
        throw ApiException.invalid("unknown-treatment", "Not a project of this point",
            "treatment project " + strikeOff.treatment() + " is not a project of point " + code);
      }
      if (!status.equals("delisted")) {
        if (RegistrySource.owner(c, RegistrySource.Kind.POINT, code).isPresent()) {
          OwnedByFile.refusePoint(c, code, "the status of hazard point " + code
              + " (set its status to delisted in the file, then record the strike-off)");
        }
        StrikeOffQueries.delist(c, code);
        Households.recomputePoint(c, code);
      }
      long id = StrikeOffQueries.insert(c, strikeOff, person);
      return StrikeOffQueries.list(c, person, null, null, id).get(0);
    }).onSuccess(created -> Responses.created(ctx, null, created)).onFailure(ctx::fail);
  }

  void strikeOffs(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int year = query.integer("year", 0);
    database.withConnection(c -> StrikeOffQueries.list(c, person, query.text("county"), year == 0 ? null : year,
            null))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private static TreatmentQueries.NewProject project(JsonObject body) {
    TreatmentQueries.NewProject project = new TreatmentQueries.NewProject(body.getString("point"),
        Inputs.text(body, "name"), Inputs.text(body, "method"), body.getString("stage"),
        Inputs.pastDate(body, "started_on"), Inputs.pastDate(body, "completed_on"),
        Inputs.pastDate(body, "accepted_on"), Inputs.text(body, "acceptance"), body.getLong("funds_yuan"),
        Inputs.text(body, "notes"));
    if (project.stage().equals("accepted") && project.acceptedOn() == null) {
      throw ApiException.invalid("invalid-dates", "Acceptance date missing",
          "an accepted project needs 'accepted_on'");
    }
    if (before(project.completedOn(), project.startedOn()) || before(project.acceptedOn(), project.completedOn())
        || before(project.acceptedOn(), project.startedOn())) {
      throw ApiException.invalid("invalid-dates", "Dates out of order",
          "a project is started, then completed, then accepted");
    }
    return project;
  }

  private static boolean before(LocalDate later, LocalDate earlier) {
    return later != null && earlier != null && later.isBefore(earlier);
  }

  /** Not found unless the caller is staff of the point, forbidden unless they keep its records (duty officers). */
  private static void requireRecordAt(Connection c, long person, String point, String what) throws SQLException {
    RowScopes.requireAtPoint(c, point, Scope.STAFF, Scope.DUTY_OFFICERS, person,
        "no hazard point " + point + " that you may see", what);
  }

  private static String noProject(long id) {
    return "no treatment project " + id + " that you may see";
  }
}
