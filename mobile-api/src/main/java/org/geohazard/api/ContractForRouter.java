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
 * {@code application/json}. Request bodies of media types the router cannot validate (such as {@code text/csv})
 * are left out of the router's copy: their handlers read and check those bodies themselves. Clients get the
 * contract as written, at {@code /openapi.yaml}.
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
    dropUnsupportedBodies(contract);
    return contract;
  }

  private static void dropUnsupportedBodies(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation
            && operation.getValue("requestBody") instanceof JsonObject body
            && body.getValue("content") instanceof JsonObject content
            && content.fieldNames().stream().noneMatch(MediaType::isMediaTypeSupported)) {
          operation.remove("requestBody");
        }
      }
    }
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
