package org.geohazard.api.exports;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An export as JSON: what it holds ({@code dataset}, {@code county}, {@code year}, {@code month},
 * {@code generated_at}), the {@code columns} in order, and the {@code rows}, each an array of values in the columns'
 * order — the CSV's rows, with numbers and booleans as such and null for a value not known.
 */
final class JsonFile implements ExportFile {
  private final Buffer buffer = Buffer.buffer();
  private boolean first = true;

  JsonFile(JsonObject about, List<String> columns) {
    String head = about.copy().put("columns", new JsonArray(List.copyOf(columns))).encode();
    buffer.appendString(head.substring(0, head.length() - 1) + ",\"rows\":[", StandardCharsets.UTF_8.name());
  }

  @Override
  public void row(List<Object> values) {
    buffer.appendString((first ? "" : ",") + new JsonArray(values).encode(), StandardCharsets.UTF_8.name());
    first = false;
  }

  @Override
  public Buffer finish() {
    return buffer.appendString("]}");
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public String extension() {
    return "json";
  }
}
