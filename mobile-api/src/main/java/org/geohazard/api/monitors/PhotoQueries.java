package org.geohazard.api.monitors;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.api.problem.ApiException;

/** The photos of patrols, reports and house inspections; the table and column names come from {@link Ledger}, never from a request. */
public final class PhotoQueries {
  private static final String LOCK = "SELECT 1 FROM %s WHERE id = ? FOR UPDATE";
  private static final String COUNT = "SELECT count(*) FROM ledger_photo WHERE %s = ?";
  private static final String INSERT = """
      INSERT INTO ledger_photo (%s, content_type, size_bytes, data, uploaded_by) VALUES (?, ?, ?, ?, ?)
      RETURNING id, uploaded_at""";
  private static final String META = """
      SELECT %1$s, id, content_type, size_bytes, uploaded_at FROM ledger_photo WHERE %1$s = ANY (?) ORDER BY id""";
  private static final String DATA = "SELECT content_type, data FROM ledger_photo WHERE id = ? AND %s = ?";

  /** A stored photo's bytes and media type. */
  record Photo(String contentType, Buffer data) {
  }

  private PhotoQueries() {
  }

  /** Stores a photo of the record (locked, so concurrent uploads cannot pass the limit); returns its description. */
  static JsonObject add(Connection c, Ledger ledger, long record, String contentType, Buffer data, long person)
      throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(LOCK.formatted(ledger.table))) {
      lock.setLong(1, record);
      lock.executeQuery().close();
    }
    try (PreparedStatement count = c.prepareStatement(COUNT.formatted(ledger.photoColumn))) {
      count.setLong(1, record);
      try (ResultSet r = count.executeQuery()) {
        r.next();
        if (r.getInt(1) >= PhotoUploads.MAX_PER_RECORD) {
          throw new ApiException(409, "too-many-photos", "Too many photos",
              "a " + ledger.noun + " carries at most " + PhotoUploads.MAX_PER_RECORD + " photos");
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(INSERT.formatted(ledger.photoColumn))) {
      s.setLong(1, record);
      s.setString(2, contentType);
      s.setInt(3, data.length());
      s.setBytes(4, data.getBytes());
      s.setLong(5, person);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return describe(ledger, record, r.getLong(1), contentType, data.length(), r.getTimestamp(2));
      }
    }
  }

  static Optional<Photo> find(Connection c, Ledger ledger, long record, long photo) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DATA.formatted(ledger.photoColumn))) {
      s.setLong(1, photo);
      s.setLong(2, record);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Photo(r.getString(1), Buffer.buffer(r.getBytes(2)))) : Optional.empty();
      }
    }
  }

  /** Adds {@code photos} (descriptions, no bytes) to each record. */
  public static void attach(Connection c, Ledger ledger, List<JsonObject> records) throws SQLException {
    Map<Long, JsonArray> byRecord = new HashMap<>();
    for (JsonObject record : records) {
      JsonArray photos = new JsonArray();
      record.put("photos", photos);
      byRecord.put(record.getLong("id"), photos);
    }
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(META.formatted(ledger.photoColumn))) {
      s.setArray(1, c.createArrayOf("bigint", byRecord.keySet().toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          byRecord.get(r.getLong(1)).add(describe(ledger, r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4),
              r.getTimestamp(5)));
        }
      }
    }
  }

  private static JsonObject describe(Ledger ledger, long record, long id, String contentType, int size,
      java.sql.Timestamp at) {
    return new JsonObject().put("id", id).put("content_type", contentType).put("size", size)
        .put("uploaded_at", at.toInstant().toString()).put("href", ledger.path + record + "/photos/" + id);
  }
}
