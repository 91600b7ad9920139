package org.geohazard.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OpenAPI router (vertx-openapi 5.0) URL-decodes query values that Vert.x has already decoded, so an encoded
 * {@code +} ({@code %2B}, as in a time's offset) arrived as a space and an encoded {@code %} broke the request. Before
 * the router reads them, the decoded values are encoded once more, so its decoding gives back exactly what the
 * client sent.
 */
final class QueryValues {
  private QueryValues() {
  }

  static void decodeOnce(RoutingContext ctx) {
    MultiMap params = ctx.request().params();
    for (String name : List.copyOf(params.names())) {
      List<String> values = params.getAll(name).stream()
          .map(value -> URLEncoder.encode(value, StandardCharsets.UTF_8)).toList();
      params.set(name, values);
    }
    ctx.next();
  }
}
