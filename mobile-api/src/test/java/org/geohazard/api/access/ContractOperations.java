package org.geohazard.api.access;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The operations the published contract declares, read from the same file the API serves. */
final class ContractOperations {
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  /**
   * One operation; {@code secured} unless it declares no security (sign-in, refresh); {@code freeTextQuery} names its
   * query parameters that take any text (no enum, pattern or format).
   */
  record Operation(String id, String method, String path, boolean secured, List<String> freeTextQuery) {
    /** The path with every parameter filled in with a value of the right shape. */
    String samplePath() {
      return path.replaceAll("\\{[^}]*Id\\}", "1").replaceAll("\\{[^}]*\\}", "x1");
    }
  }

  private ContractOperations() {
  }

  @SuppressWarnings("unchecked")
  private static List<String> freeText(Map<String, Object> operation) {
    List<String> names = new ArrayList<>();
    for (Object item : (List<Object>) operation.getOrDefault("parameters", List.of())) {
      Map<String, Object> parameter = (Map<String, Object>) item;
      Object schema = parameter.get("schema");
      if ("query".equals(parameter.get("in")) && schema instanceof Map<?, ?> s && "string".equals(s.get("type"))
          && !s.containsKey("enum") && !s.containsKey("pattern") && !s.containsKey("format")) {
        names.add((String) parameter.get("name"));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  static List<Operation> load() throws Exception {
    Map<String, Object> contract;
    try (InputStream in = ContractOperations.class.getResourceAsStream("/openapi.yaml")) {
      contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    List<Operation> operations = new ArrayList<>();
    Map<String, Object> paths = (Map<String, Object>) contract.get("paths");
    paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
      if (METHODS.contains(method)) {
        Map<String, Object> operation = (Map<String, Object>) value;
        Object security = operation.get("security");
        operations.add(new Operation((String) operation.get("operationId"), method.toUpperCase(java.util.Locale.ROOT),
            path, !(security instanceof List<?> list && list.isEmpty()), freeText(operation)));
      }
    }));
    return operations;
  }
}
