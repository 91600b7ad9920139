package org.geohazard.api.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.Optional;
import org.geohazard.api.ApiConfig;
import org.geohazard.api.problem.ApiException;
import org.geohazard.ingest.db.Database;
import org.geohazard.ingest.registry.Passwords;

/**
 * Sign-in, token refresh and sign-out. Password checks run on the hashing workers, never on the event loop and never
 * while holding a connection.
 */
public final class AuthHandlers {
  private final Database database;
  private final Tokens tokens;
  private final ApiConfig config;

  public AuthHandlers(Database database, Tokens tokens, ApiConfig config) {
    this.database = database;
    this.tokens = tokens;
    this.config = config;
  }


  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("login").addHandler(this::login);
    builder.getRoute("refresh").addHandler(this::refresh);
    builder.getRoute("logout").addHandler(this::logout);
  }

  public void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String phone = body.getString("phone");
    String password = body.getString("password");
    String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    // the password check runs on the hashing workers, holding no connection and no transaction
    database.withConnection(c -> {
      long[] failures = SessionRepository.failures(c, phone, address, config.failureWindow());
      if (failures[0] >= config.failuresPerAccount() || failures[1] >= config.failuresPerAddress()) {
        throw new ApiException(429, "too-many-attempts", "Too many sign-in attempts",
            "too many failed sign-ins; try again in " + config.failureWindow().toMinutes() + " minutes");
      }
      return SessionRepository.credentials(c, phone);
    }).compose(credentials -> database.withoutConnection(() -> Passwords.matches(password,
            credentials.map(SessionRepository.Credentials::passwordHash).orElse(null)))
        .compose(ok -> database.inTransaction(c -> {
          SessionRepository.attempt(c, phone, address, ok);
          if (!ok) {
            return Optional.<JsonObject>empty();
          }
          return Optional.of(issue(c, credentials.get().personId()));
        })))
        .onSuccess(result -> result.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.unauthorized("phone number or password is wrong"))))
        .onFailure(ctx::fail);
  }

  public void refresh(RoutingContext ctx) {
    String token = ctx.body().asJsonObject().getString("refresh_token");
    database.inTransaction(c -> SessionRepository.use(c, Tokens.hash(token)).map(person -> issueUnchecked(c, person)))
        .onSuccess(result -> result.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.unauthorized("the refresh token is not valid"))))
        .onFailure(ctx::fail);
  }

  public void logout(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String token = ctx.body().asJsonObject().getString("refresh_token");
    database.inTransaction(c -> SessionRepository.revoke(c, Tokens.hash(token), person))
        .onSuccess(revoked -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private JsonObject issue(java.sql.Connection c, long personId) throws java.sql.SQLException {
    String refresh = Tokens.newRefreshToken();
    SessionRepository.issue(c, personId, Tokens.hash(refresh), Instant.now().plus(config.refreshTtl()));
    return new JsonObject().put("access_token", tokens.access(personId)).put("refresh_token", refresh)
        .put("token_type", "Bearer").put("expires_in", tokens.accessTtlSeconds());
  }

  private JsonObject issueUnchecked(java.sql.Connection c, long personId) {
    try {
      return issue(c, personId);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

}
