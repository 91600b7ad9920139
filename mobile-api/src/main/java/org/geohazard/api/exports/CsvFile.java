package org.geohazard.api.exports;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An export as CSV (RFC 4180): UTF-8 beginning with a byte order mark, so that Excel and WPS open Chinese text
 * correctly; a header row of the column names; CRLF after every row; a field quoted when it holds a quote, a comma or
 * a line break, its quotes doubled. A null value is an empty field. Text is written as it was stored.
 */
final class CsvFile implements ExportFile {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private final Buffer buffer = Buffer.buffer().appendBytes(BOM);

  CsvFile(List<String> columns) {
    line(List.copyOf(columns));
  }

  @Override
  public void row(List<Object> values) {
    line(values);
  }

  private void line(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(ColumnType.text(values.get(i))));
    }
    buffer.appendString(line.append("\r\n").toString(), StandardCharsets.UTF_8.name());
  }

  static String field(String text) {
    if (text.indexOf('"') < 0 && text.indexOf(',') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  @Override
  public Buffer finish() {
    return buffer;
  }

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String extension() {
    return "csv";
  }
}
