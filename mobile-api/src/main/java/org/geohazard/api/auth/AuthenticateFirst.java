package org.geohazard.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the access token of an API request before anything reads its body, so that a client without a valid token
 * cannot make the server buffer megabytes: it is answered 401 as soon as its headers are in. Operations the contract
 * opens to everybody (sign-in and refresh, which carry their credentials in the body) pass through, and so does
 * everything outside {@code /api/}.
 */
public final class AuthenticateFirst implements Handler<RoutingContext> {
  /** The body limit of the open operations: a phone number and a password, or a refresh token, fit many times. */
  public static final int OPEN_BODY_LIMIT = 8 * 1024;

  private final AuthenticationHandler bearer;
  private final List<Open> open;

  private AuthenticateFirst(AuthenticationHandler bearer, List<Open> open) {
    this.bearer = bearer;
    this.open = open;
  }

  /** For the operations of a contract: those without a security requirement need no token. */
  public static AuthenticateFirst of(OpenAPIContract contract, AuthenticationHandler bearer) {
    return new AuthenticateFirst(bearer, contract.operations().stream()
        .filter(operation -> operation.getSecurityRequirements().isEmpty())
        .map(operation -> new Open(operation.getHttpMethod(), Pattern.compile(
            operation.getOpenAPIPath().replaceAll("\\{[^/}]+}", "[^/]+") + "/?")))
        .toList());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.path().startsWith("/api/") || isOpen(request)) {
      ctx.next();
    } else {
      bearer.handle(ctx);
    }
  }

  /** Whether a request is for an operation open to everybody (its body is read before anybody is known). */
  public boolean isOpen(HttpServerRequest request) {
    return open.stream().anyMatch(o -> o.matches(request));
  }

  private record Open(HttpMethod method, Pattern path) {
    boolean matches(HttpServerRequest request) {
      return request.method() == method && path.matcher(request.path()).matches();
    }
  }
}
