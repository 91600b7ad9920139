package org.geohazard.api.houses;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.RowScopes;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * The at-risk houses register (cut-slope houses, 临切坡建房, and other buildings at risk) of each county, and the
 * inspections of its houses. Scopes in {@link HouseAccess}: not found for a caller who may not see a house,
 * forbidden for one who may see it but not do this.
 */
public final class HouseHandlers {
  private static final String TABLE = "at_risk_house";
  private final Database database;

  public HouseHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createHouse").addHandler(this::create);
    builder.getRoute("listHouses").addHandler(this::list);
    builder.getRoute("getHouse").addHandler(this::get);
    builder.getRoute("updateHouse").addHandler(this::update);
    builder.getRoute("createHouseInspection").addHandler(this::inspect);
    builder.getRoute("listHouseInspections").addHandler(this::inspections);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    HouseQueries.NewHouse house = house(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      requireRegister(c, person, house.county());
      checkPoint(c, house);
      long id = HouseQueries.insert(c, house, person);
      return HouseQueries.find(c, person, id).orElseThrow();
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/houses/" + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 100);
    HouseQueries.Filter filter = new HouseQueries.Filter(query.text("county"), query.text("point"),
        query.text("risk_grade"), Cursor.id(query.text("cursor")), limit);
    database.withConnection(c -> HouseQueries.list(c, person, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor",
            items.size() < limit ? null : Cursor.ofId(items.get(items.size() - 1).getLong("id")))))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("houseId");
    database.withConnection(c -> HouseQueries.find(c, person, id).orElseThrow(() -> notFound(id)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("houseId");
    HouseQueries.NewHouse house = house(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      require(c, person, id, HouseAccess.REGISTER, "change this house");
      requireRegister(c, person, house.county());
      checkPoint(c, house);
      HouseQueries.update(c, id, house);
      return HouseQueries.find(c, person, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void inspect(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("houseId");
    JsonObject body = ctx.body().asJsonObject();
    Instant at = Times.parse(body.getString("inspected_at"), "inspected_at");
    Instant inspectedAt = at == null ? Instant.now() : Inputs.observed(at, "inspected_at");
    String findings = Inputs.text(body, "findings");
    boolean dangerFound = body.getBoolean("danger_found");
    database.inTransaction(c -> {
      require(c, person, id, HouseAccess.INSPECT, "inspect this house");
      long inspection = HouseQueries.insertInspection(c, id, person, inspectedAt, findings, dangerFound);
      return HouseQueries.inspections(c, id, inspection).get(0);
    }).onSuccess(created -> Responses.created(ctx, null, created))
        .onFailure(ctx::fail);
  }

  void inspections(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("houseId");
    database.withConnection(c -> {
      if (!RowScopes.holds(c, TABLE, "h", id, HouseAccess.SEE, person)) {
        throw notFound(id);
      }
      return HouseQueries.inspections(c, id, null);
    }).onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private static HouseQueries.NewHouse house(JsonObject body) {
    double[] location = Inputs.location(body);
    return new HouseQueries.NewHouse(Inputs.text(body, "county").strip(), Inputs.text(body, "township"),
        Inputs.text(body, "village"), body.getString("kind"), Inputs.text(body, "owner_name"),
        body.getString("owner_phone"), Inputs.text(body, "address"), location[0], location[1],
        body.getString("risk_grade"), body.getString("point"), Inputs.text(body, "measures"));
  }

  private static void require(Connection c, long person, long id, String rule, String what) throws SQLException {
    RowScopes.require(c, TABLE, "h", id, HouseAccess.SEE, rule, person, noHouse(id), what);
  }

  private static void requireRegister(Connection c, long person, String county) throws SQLException {
    if (!RowScopes.holdsInCounty(c, "h", county, HouseAccess.REGISTER, person)) {
      throw ApiException.forbidden("your roles do not let you register at-risk houses in " + county);
    }
  }

  /** The point a house belongs to must exist and lie in the house's county. */
  private static void checkPoint(Connection c, HouseQueries.NewHouse house) throws SQLException {
    if (house.point() == null) {
      return;
    }
    String county = HouseQueries.pointCounty(c, house.point()).orElseThrow(() -> ApiException.invalid(
        "unknown-point", "Unknown hazard point", "there is no hazard point " + house.point()));
    if (!county.equals(house.county())) {
      throw ApiException.invalid("point-in-another-county", "Hazard point in another county",
          "hazard point " + house.point() + " is in " + county + ", not in " + house.county());
    }
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound(noHouse(id));
  }

  private static String noHouse(long id) {
    return "no at-risk house " + id + " that you may see";
  }
}
