package org.geohazard.api.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.geohazard.api.ApiConfig;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.Passwords;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, token refresh and sign-out. Password checks run on the hashing workers, never on the event loop and never
 * while holding a connection.
 */
public final class AuthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(AuthHandlers.class);
  private final Database database;
  private final Tokens tokens;
  private final ApiConfig config;
  private final SignInThrottle throttle;

  public AuthHandlers(Database database, Tokens tokens, ApiConfig config) {
    this.database = database;
    this.tokens = tokens;
    this.config = config;
    this.throttle = new SignInThrottle(config.signIn());
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
    String client = TrustedProxies.budgetKey(config.trustedProxies().client(ctx.request()));
    // the attempt is committed before the password check, which runs on the hashing workers holding no connection
    database.inTransaction(c -> new Attempt(throttle.begin(c, phone, client), SessionRepository.credentials(c, phone)))
        .compose(attempt -> database.withoutConnection(() -> Passwords.matches(password,
                attempt.credentials().map(SessionRepository.Credentials::passwordHash).orElse(null)))
            .compose(ok -> database.inTransaction(c -> {
              throttle.finish(c, attempt.id(), ok);
              if (!ok) {
                return Optional.<JsonObject>empty();
              }
              return Optional.of(issue(c, attempt.credentials().get().personId()));
            })))
        .onSuccess(result -> result.ifPresentOrElse(ctx::json,
            () -> ctx.fail(ApiException.unauthorized("phone number or password is wrong"))))
        .onFailure(ctx::fail);
  }

  public void refresh(RoutingContext ctx) {
    String token = ctx.body().asJsonObject().getString("refresh_token");
    database.inTransaction(c -> rotate(c, Tokens.hash(token)))
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

  /**
   * Uses up a refresh token for the next of its family. A token already used was copied: the whole family ends, the
   * copy's holder and the rightful app alike, and the person signs in again.
   */
  private Optional<JsonObject> rotate(Connection c, String tokenHash) throws SQLException {
    Optional<SessionRepository.RefreshToken> found = SessionRepository.find(c, tokenHash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SessionRepository.RefreshToken token = found.get();
    if (token.used()) {
      int revoked = SessionRepository.revokeFamily(c, token.family());
      LOG.warn("[person: {}] a used refresh token was presented again; {} session token(s) of its family revoked",
          token.personId(), revoked);
      return Optional.empty();
    }
    if (!token.valid()) {
      return Optional.empty();
    }
    SessionRepository.markUsed(c, token.id());
    return Optional.of(issue(c, token.personId(), token.family()));
  }

  private JsonObject issue(Connection c, long personId) throws SQLException {
    return issue(c, personId, null);
  }

  private JsonObject issue(Connection c, long personId, String family) throws SQLException {
    String refresh = Tokens.newRefreshToken();
    SessionRepository.issue(c, personId, Tokens.hash(refresh), Instant.now().plus(config.refreshTtl()), family);
    return new JsonObject().put("access_token", tokens.access(personId)).put("refresh_token", refresh)
        .put("token_type", "Bearer").put("expires_in", tokens.accessTtlSeconds());
  }

  /** A sign-in attempt recorded (as failed until its password check says otherwise) with the phone's credentials. */
  private record Attempt(long id, Optional<SessionRepository.Credentials> credentials) {
  }
}
