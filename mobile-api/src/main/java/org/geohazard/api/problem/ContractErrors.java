package org.geohazard.api.problem;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is wrong with a request, said the way its sender can act on it. The schema validator reports a property that
 * fails its own schema also as failing {@code additionalProperties}, and puts that first; the errors of the property's
 * own keywords (minLength, enum, type, ...) are the useful ones, so they are given first, with where they are.
 */
final class ContractErrors {
  private static final int MAX_ERRORS = 5;

  private ContractErrors() {
  }

  static String detail(ValidatorException invalid) {
    if (!(invalid instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      return invalid.getMessage();
    }
    List<OutputUnit> leaves = new ArrayList<>();
    collect(schema.getOutputUnit(), leaves);
    Set<String> specific = new LinkedHashSet<>();
    Set<String> general = new LinkedHashSet<>();
    for (OutputUnit unit : leaves) {
      String where = unit.getInstanceLocation() == null ? "#" : unit.getInstanceLocation();
      String text = where.equals("#") || where.isEmpty() ? unit.getError() : where + ": " + unit.getError();
      String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
      (keyword.endsWith("additionalProperties") || keyword.endsWith("allOf") || keyword.endsWith("oneOf")
          ? general : specific).add(text);
    }
    List<String> lines = new ArrayList<>(specific.isEmpty() ? general : specific);
    if (lines.isEmpty()) {
      return invalid.getMessage();
    }
    String message = invalid.getMessage() == null ? "" : invalid.getMessage();
    int reason = message.indexOf(" Reason:");
    String what = reason < 0 ? message : message.substring(0, reason);
    return what + (what.isEmpty() ? "" : " ") + "Reason: "
        + String.join("; ", lines.subList(0, Math.min(MAX_ERRORS, lines.size())));
  }

  private static void collect(OutputUnit unit, List<OutputUnit> leaves) {
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      if (unit.getError() != null) {
        leaves.add(unit);
      }
      return;
    }
    errors.forEach(error -> collect(error, leaves));
  }
}
