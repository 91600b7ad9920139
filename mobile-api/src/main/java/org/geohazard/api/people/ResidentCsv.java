package org.geohazard.api.people;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.Phones;

/**
 * A residents file: UTF-8 CSV (RFC 4180) with a header naming name, phone, lat, lon and optionally point. The
 * OpenAPI router cannot validate text/csv bodies, so this class checks the file and every row itself: a broken file
 * is refused as a whole; a row that cannot be used becomes a rejection with its reason.
 */
final class ResidentCsv {
  static final int MAX_ROWS = 10_000;
  static final int MAX_BYTES = 1024 * 1024;
  private static final Set<String> REQUIRED = Set.of("name", "phone", "lat", "lon");
  private static final Set<String> KNOWN = Set.of("name", "phone", "lat", "lon", "point");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,15})?");
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true).setTrim(true).get();

  /** A row of the file: usable (reason null) or rejected. */
  record Row(long line, String name, String phone, double lat, double lon, String point, String reason) {
    static Row rejected(long line, String phone, String reason) {
      return new Row(line, null, phone, 0, 0, null, reason);
    }
  }

  private ResidentCsv() {
  }

  static List<Row> parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw ApiException.payloadTooLarge("a residents file may have at most " + MAX_BYTES + " bytes");
    }
    String text = utf8(bytes);
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
      List<String> header = parser.getHeaderNames();
      for (String column : header) {
        if (!KNOWN.contains(column)) {
          throw invalid("unknown column '" + shorten(column) + "'; the columns are name, phone, lat, lon, point");
        }
      }
      if (!header.containsAll(REQUIRED)) {
        throw invalid("the header row must name the columns name, phone, lat and lon (point is optional)");
      }
      for (CSVRecord record : parser) {
        if (rows.size() == MAX_ROWS) {
          throw ApiException.payloadTooLarge("a residents file may have at most " + MAX_ROWS + " rows");
        }
        rows.add(row(record, header.size()));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw invalid("the file is not valid CSV: " + shorten(String.valueOf(e.getMessage())));
    }
    return rows;
  }

  private static Row row(CSVRecord record, int columns) {
    long line = record.getRecordNumber() + 1;
    if (record.size() != columns) {
      return Row.rejected(line, null, "the row has " + record.size() + " fields, the header " + columns);
    }
    Optional<String> normalised = Phones.normalised(record.get("phone"));
    String name = record.get("name");
    if (normalised.isEmpty()) {
      return Row.rejected(line, null, Phones.RULE);
    }
    String phone = normalised.get();
    if (name.isEmpty() || name.length() > 100) {
      return Row.rejected(line, phone, "name must have 1 to 100 characters");
    }
    Double lat = number(record.get("lat"), 90);
    Double lon = number(record.get("lon"), 180);
    if (lat == null || lon == null) {
      return Row.rejected(line, phone, "lat must be a number from -90 to 90 and lon from -180 to 180");
    }
    String point = record.isMapped("point") && !record.get("point").isEmpty() ? record.get("point") : null;
    if (point != null && point.length() > 64) {
      return Row.rejected(line, phone, "point must have at most 64 characters");
    }
    return new Row(line, name, phone, lat, lon, point, null);
  }

  private static Double number(String text, double bound) {
    if (!DECIMAL.matcher(text).matches()) {
      return null;
    }
    double value = Double.parseDouble(text);
    return value >= -bound && value <= bound ? value : null;
  }

  private static String utf8(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw invalid("the file is not UTF-8 text");
    }
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  private static ApiException invalid(String detail) {
    return ApiException.invalid("invalid-csv", "Invalid residents file", detail);
  }
}
