package org.geohazard.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Short-lived access tokens (JWT, HS256, signed with the configured key; unsigned or differently signed tokens are
 * refused) and opaque refresh tokens, of which only a SHA-256 hash is stored.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JWTAuth jwt;
  private final Duration accessTtl;

  public Tokens(Vertx vertx, String secret, Duration accessTtl) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setIssuer("geohazard")));
    this.accessTtl = accessTtl;
  }

  public String access(long personId) {
    return jwt.generateToken(new JsonObject().put("sub", String.valueOf(personId)),
        new JWTOptions().setAlgorithm("HS256").setIssuer("geohazard")
            .setExpiresInSeconds((int) accessTtl.toSeconds()));
  }

  /** The JWT provider, for the router's bearer check. */
  public JWTAuth provider() {
    return jwt;
  }

  /** The person a request was signed in as (the access token's subject). */
  public static long person(io.vertx.ext.web.RoutingContext ctx) {
    return Long.parseLong(ctx.user().principal().getString("sub"));
  }

  /** When the request's access token expires (its {@code exp} claim), in epoch milliseconds. */
  public static long expiresAtMillis(io.vertx.ext.web.RoutingContext ctx) {
    Number exp = ctx.user().get("exp");
    return exp.longValue() * 1000;
  }

  public long accessTtlSeconds() {
    return accessTtl.toSeconds();
  }

  /** The person id of a valid access token; fails for an expired, tampered or unsigned one. */
  public Future<Long> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> Long.parseLong(user.principal().getString("sub")));
  }

  public static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String refreshToken) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
