package org.geohazard.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geohazard.alerts.rules.RuleDefinition.ChannelRef;
import org.geohazard.alerts.rules.Series;

/**
 * Reads a rule's readings from the reading table, values flagged out of range left out. Several channels make one
 * vector series: the length of the vector at the times all channels have a sample.
 */
final class SeriesLoader {
  /** Most samples one rule reads in one evaluation; a larger backlog is evaluated over several rounds. */
  static final int MAX_SAMPLES = 50_000;

  private static final String READINGS = """
      SELECT (extract(epoch FROM r.ts) * 1000)::bigint, r.value, (extract(epoch FROM r.received_at) * 1000)::bigint
      FROM reading r JOIN sensor s ON s.id = r.sensor_id
      WHERE s.device_id = ? AND s.channel = ? AND r.ts > ? AND r.flags & 1 = 0
      ORDER BY r.ts
      LIMIT ?""";

  private SeriesLoader() {
  }

  static Series load(Connection connection, List<ChannelRef> channels, long afterMillis) throws SQLException {
    if (channels.size() == 1) {
      return toSeries(read(connection, channels.get(0), afterMillis));
    }
    Map<Long, double[]> joined = null;
    for (ChannelRef channel : channels) {
      Map<Long, double[]> rows = read(connection, channel, afterMillis);
      if (joined == null) {
        joined = rows;
        joined.replaceAll((ts, row) -> new double[] {row[0] * row[0], row[1]});
      } else {
        joined.keySet().retainAll(rows.keySet());
        joined.replaceAll((ts, row) -> {
          double[] other = rows.get(ts);
          return new double[] {row[0] + other[0] * other[0], Math.max(row[1], other[1])};
        });
      }
    }
    joined.replaceAll((ts, row) -> new double[] {Math.sqrt(row[0]), row[1]});
    return toSeries(joined);
  }

  private static TreeMap<Long, double[]> read(Connection connection, ChannelRef channel, long afterMillis)
      throws SQLException {
    TreeMap<Long, double[]> rows = new TreeMap<>();
    try (PreparedStatement s = connection.prepareStatement(READINGS)) {
      s.setString(1, channel.device());
      s.setString(2, channel.channel());
      s.setTimestamp(3, new Timestamp(afterMillis));
      s.setInt(4, MAX_SAMPLES);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.put(r.getLong(1), new double[] {r.getDouble(2), r.getLong(3)});
        }
      }
    }
    return rows;
  }

  private static Series toSeries(Map<Long, double[]> rows) {
    long[] ts = new long[rows.size()];
    double[] values = new double[rows.size()];
    long[] received = new long[rows.size()];
    int i = 0;
    for (Map.Entry<Long, double[]> row : rows.entrySet()) {
      ts[i] = row.getKey();
      values[i] = row.getValue()[0];
      received[i] = (long) row.getValue()[1];
      i++;
    }
    return new Series(ts, values, received);
  }

  /** The displacement change over a reference period, per day: the steady-creep velocity. */
  static double steadyVelocityPerDay(Connection connection, List<ChannelRef> channels, long fromMillis,
      long toMillis) throws SQLException {
    Series series = load(connection, channels, fromMillis - 1);
    int first = series.firstAtOrAfter(fromMillis);
    int last = series.lastAtOrBefore(toMillis);
    if (first >= series.size() || last <= first) {
      return Double.NaN;
    }
    return Math.abs(series.value(last) - series.value(first)) / ((series.ts(last) - series.ts(first)) / 86_400_000.0);
  }

}
