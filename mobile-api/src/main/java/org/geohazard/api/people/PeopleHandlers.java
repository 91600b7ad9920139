package org.geohazard.api.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.Passwords;
import org.geohazard.registry.households.Households;
import org.geohazard.storage.Database;

/** Administrators list, add, change and remove people and set their roles. */
public final class PeopleHandlers {
  private final Database database;

  public PeopleHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("listPeople").addHandler(this::list);
    builder.getRoute("getPerson").addHandler(this::get);
    builder.getRoute("createPerson").addHandler(this::create);
    builder.getRoute("updatePerson").addHandler(this::update);
    builder.getRoute("deletePerson").addHandler(this::delete);
    builder.getRoute("setPersonRoles").addHandler(this::setRoles);
  }

  public void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    Long cursor = Cursor.id(query.text("cursor"));
    long after = cursor == null ? 0 : cursor;
    database.withConnection(c -> {
      RoleQueries.requireAdmin(c, person);
      return PeopleRepository.search(c, query.text("q"), after, limit);
    }).onSuccess(items -> ctx.json(new JsonObject().put("items", items)
            .put("next_cursor", items.size() < limit ? null : Cursor.ofId(items.get(items.size() - 1).getLong("id")))))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("personId");
    database.withConnection(c -> {
      RoleQueries.requireAdmin(c, person);
      return found(c, id);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    JsonObject home = body.getJsonObject("home");
    hashForAdmin(person, body).compose(hash -> database.inTransaction(c -> {
      RoleQueries.requireAdmin(c, person);
      long id = PeopleRepository.insert(c, body.getString("name"), body.getString("phone"), hash,
              home == null ? null : home.getDouble("lat"), home == null ? null : home.getDouble("lon"))
          .orElseThrow(() -> ApiException.conflict("a person with phone " + body.getString("phone") + " exists"));
      Households.recomputePerson(c, id, new Households.Zones());
      return found(c, id);
    })).onSuccess(created -> Responses.created(ctx, null, created)).onFailure(ctx::fail);
  }

  public void update(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("personId");
    JsonObject body = ctx.body().asJsonObject();
    JsonObject home = body.getJsonObject("home");
    hashForAdmin(person, body).compose(hash -> database.inTransaction(c -> {
      RoleQueries.requireAdmin(c, person);
      OwnedByFile.refusePerson(c, id);
      if (PeopleRepository.phoneTaken(c, body.getString("phone"), id)) {
        throw ApiException.conflict("another person has phone " + body.getString("phone"));
      }
      if (!PeopleRepository.update(c, id, body.getString("name"), body.getString("phone"), hash,
          home == null ? null : home.getDouble("lat"), home == null ? null : home.getDouble("lon"))) {
        throw ApiException.notFound("no person " + id);
      }
      Households.recomputePerson(c, id, new Households.Zones());
      return found(c, id);
    })).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void delete(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("personId");
    database.inTransaction(c -> {
      RoleQueries.requireAdmin(c, person);
      found(c, id);
      OwnedByFile.refusePerson(c, id);
      if (id == person) {
        throw ApiException.conflict("administrators cannot remove themselves");
      }
      return PeopleRepository.deleteOrAnonymise(c, id);
    }).onSuccess(deleted -> ctx.json(new JsonObject().put("id", id).put("outcome", deleted ? "deleted" : "anonymised")))
        .onFailure(ctx::fail);
  }

  public void setRoles(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("personId");
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      RoleQueries.requireAdmin(c, person);
      found(c, id);
      OwnedByFile.refusePerson(c, id);
      List<PeopleRepository.Grant> grants = RoleRules.grants(c, body.getJsonArray("roles"));
      if (id == person && grants.stream().noneMatch(g -> g.role().equals("admin"))) {
        throw ApiException.conflict("administrators cannot take their own admin role away");
      }
      PeopleRepository.assign(c, id, grants);
      Households.recomputePerson(c, id, new Households.Zones());
      return found(c, id);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject found(Connection c, long id) throws SQLException {
    return PeopleRepository.find(c, id).orElseThrow(() -> ApiException.notFound("no person " + id));
  }

  /**
   * The PBKDF2 hash of the body's password, or null, for an administrator (checked first, so that nobody else can
   * make the server hash); computed on the hashing workers before the transaction, never on the event loop nor while
   * holding a connection.
   */
  private Future<String> hashForAdmin(long person, JsonObject body) {
    if (body.getString("password") == null) {
      return Future.succeededFuture(null);
    }
    return database.withConnection(c -> {
      RoleQueries.requireAdmin(c, person);
      return body;
    }).compose(checked -> database.withoutConnection(() -> hash(checked)));
  }

  private static String hash(JsonObject body) {
    String password = body.getString("password");
    return password == null ? null : Passwords.hash(password);
  }

}
