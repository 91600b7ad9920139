package org.geohazard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The published contract as the OpenAPI router takes it. The router validates requests only, and does not know the
 * {@code application/problem+json} media type of the error responses; it is shown to the router as
 * {@code application/json}. Media types the router cannot validate (vertx-openapi 5.0 knows JSON, multipart,
 * octet-stream and text/plain, and refuses a contract naming any other) are left out of its view: an operation whose
 * request body has no other media type is shown without a body, and its handler reads and checks the body itself
 * (the photo uploads, image/jpeg and image/png). Clients get the contract as written, at {@code /openapi.yaml}.
 */
final class ContractForRouter {
  private static final String PROBLEM = "application/problem+json";

  private ContractForRouter() {
  }

  @SuppressWarnings("unchecked")
  static JsonObject from(String yaml) {
    Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject contract = new JsonObject(tree);
    rename(contract);
    withoutUnsupportedMediaTypes(contract.getJsonObject("paths", new JsonObject()));
    return contract;
  }

  private static void withoutUnsupportedMediaTypes(JsonObject paths) {
    for (String path : paths.fieldNames()) {
      for (Map.Entry<String, Object> entry : paths.getJsonObject(path)) {
        if (entry.getValue() instanceof JsonObject operation) {
          if (operation.getValue("requestBody") instanceof JsonObject body && onlyUnsupported(body)) {
            operation.remove("requestBody");
          }
          if (operation.getValue("responses") instanceof JsonObject responses) {
            responses.forEach(response -> {
              if (response.getValue() instanceof JsonObject described && onlyUnsupported(described)) {
                described.remove("content");
              }
            });
          }
        }
      }
    }
  }

  /** Drops the unsupported media types of a body or response; true when it had content and none is left. */
  private static boolean onlyUnsupported(JsonObject described) {
    if (!(described.getValue("content") instanceof JsonObject content) || content.isEmpty()) {
      return false;
    }
    content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
    return content.isEmpty();
  }

  private static void rename(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue(PROBLEM) != null && !object.containsKey("application/json")) {
        object.put("application/json", object.remove(PROBLEM));
      }
      object.forEach(entry -> rename(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(ContractForRouter::rename);
    } else if (node instanceof Map<?, ?> || node instanceof List<?>) {
      throw new IllegalStateException("unexpected raw collection in the contract");
    }
  }
}
