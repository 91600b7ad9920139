package org.geohazard.api.exports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.geohazard.api.Statements;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Reads a dataset's rows of the counties in scope, of [from, to) when the dataset is yearly, in its order, into a
 * file. One file holds at most {@link #MAX_ROWS} rows: a request for more is refused (400 {@code export-too-large})
 * rather than cut short, since the province must get every record; a month at a time, or a county at a time, holds
 * fewer. One statement reads them, in batches, in a read-only transaction: one snapshot of the records.
 */
final class ExportQuery {
  static final int MAX_ROWS = 100_000;
  private static final int BATCH = 1_000;

  private ExportQuery() {
  }

  /** Writes the rows into the file; how many there were. */
  static int write(Connection c, Dataset dataset, ExportScope scope, Instant from, Instant to, ExportFile file)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(dataset.columns().stream().map(ExportColumn::sql)
        .collect(Collectors.joining(", "))).append(" FROM ").append(dataset.from()).append(" WHERE true");
    if (dataset.where() != null) {
      sql.append(" AND ").append(dataset.where());
    }
    if (scope.counties() != null) {
      sql.append(" AND ").append(dataset.county()).append(" = ANY (?)");
      values.add(c.createArrayOf("text", scope.counties().toArray()));
    }
    if (from != null) {
      sql.append(" AND ").append(dataset.time()).append(" >= ? AND ").append(dataset.time()).append(" < ?");
      values.add(Timestamp.from(from));
      values.add(Timestamp.from(to));
    }
    sql.append(" ORDER BY ").append(dataset.order()).append(" LIMIT ").append(MAX_ROWS + 1);
    return Database.inTransaction(c, tx -> {
      try (PreparedStatement readOnly = tx.prepareStatement("SET TRANSACTION READ ONLY")) {
        readOnly.execute();
      }
      try (PreparedStatement s = Statements.prepare(tx, sql.toString(), values)) {
        s.setFetchSize(BATCH);
        try (ResultSet r = s.executeQuery()) {
          return rows(r, dataset, file);
        }
      }
    });
  }

  private static int rows(ResultSet r, Dataset dataset, ExportFile file) throws SQLException {
    List<ExportColumn> columns = dataset.columns();
    int rows = 0;
    while (r.next()) {
      if (++rows > MAX_ROWS) {
        throw ApiException.invalid("export-too-large", "Export too large", "more than " + MAX_ROWS + " "
            + dataset.name() + " match: export one county, or one month, at a time");
      }
      List<Object> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        values.add(columns.get(i).type().read(r, i + 1));
      }
      file.row(values);
    }
    return rows;
  }
}
