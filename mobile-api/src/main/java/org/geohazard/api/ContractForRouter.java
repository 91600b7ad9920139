package org.geohazard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The published contract as the OpenAPI router takes it. The router validates requests only, and does not know the
 * {@code application/problem+json} media type of the error responses; it is shown to the router as
 * {@code application/json}. Clients get the contract as written, at {@code /openapi.yaml}.
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
    return contract;
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
