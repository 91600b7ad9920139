package org.geohazard.api.exports;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of RFC 4180 CSV, as the province's import would read an export: records end with CRLF (a bare CR or
 * LF outside quotes is an error), a quoted field may hold commas, line breaks and doubled quotes, and a quote inside
 * an unquoted field is an error. A UTF-8 byte order mark before the first record is taken off.
 */
final class Rfc4180Reader {
  private Rfc4180Reader() {
  }

  static List<List<String>> read(String text) {
    String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    int i = 0;
    while (i < csv.length()) {
      StringBuilder field = new StringBuilder();
      if (csv.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= csv.length()) {
            throw new IllegalArgumentException("a quoted field is not closed");
          }
          char ch = csv.charAt(i++);
          if (ch == '"') {
            if (i < csv.length() && csv.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(ch);
          }
        }
      } else {
        while (i < csv.length() && ",\r\n".indexOf(csv.charAt(i)) < 0) {
          if (csv.charAt(i) == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
          }
          field.append(csv.charAt(i++));
        }
      }
      record.add(field.toString());
      if (i < csv.length() && csv.charAt(i) == ',') {
        i++;
        continue;
      }
      if (!csv.startsWith("\r\n", i)) {
        throw new IllegalArgumentException("a record does not end with CRLF at " + i);
      }
      i += 2;
      records.add(record);
      record = new ArrayList<>();
    }
    return records;
  }
}
