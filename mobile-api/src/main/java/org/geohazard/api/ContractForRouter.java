package org.geohazard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The published contract as the OpenAPI router takes it. The router validates requests only, and refuses a contract
 * whose responses name media types it does not know ({@code application/problem+json}, {@code text/event-stream},
 * {@code application/cap+xml}); in its copy they are shown as {@code application/json} (problems) or
 * {@code application/octet-stream} (the rest). Clients get the contract as written, at {@code /openapi.yaml}.
 */
final class ContractForRouter {
  private static final String PROBLEM = "application/problem+json";
  private static final String ANY_BYTES = "application/octet-stream";
  private static final Set<String> KNOWN = Set.of("application/json", "application/json; charset=utf-8",
      "multipart/form-data", "application/hal+json", ANY_BYTES, "text/plain", "text/plain; charset=utf-8");

  private ContractForRouter() {
  }

  @SuppressWarnings("unchecked")
  static JsonObject from(String yaml) {
    Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject contract = new JsonObject(tree);
    walk(contract, false);
    return contract;
  }

  private static void walk(Object node, boolean inResponses) {
    if (node instanceof JsonObject object) {
      if (inResponses && object.getValue("content") instanceof JsonObject content) {
        rename(content);
      }
      object.forEach(entry -> walk(entry.getValue(), inResponses || entry.getKey().equals("responses")));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> walk(item, inResponses));
    } else if (node instanceof Map<?, ?> || node instanceof List<?>) {
      throw new IllegalStateException("unexpected raw collection in the contract");
    }
  }

  private static void rename(JsonObject content) {
    for (String type : List.copyOf(content.fieldNames())) {
      if (KNOWN.contains(type)) {
        continue;
      }
      String shown = type.equals(PROBLEM) ? "application/json" : ANY_BYTES;
      Object media = content.remove(type);
      if (!content.containsKey(shown)) {
        content.put(shown, media);
      }
    }
  }
}
