package org.geohazard.api.monitors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.geohazard.alerts.Recipients;

/**
 * A new danger report to the duty officers of its point's county (those on shift, else everybody holding the role
 * there; with none at all, the county's leaders and the administrators), as push rows in the outbox written in the
 * report's own transaction. The payload is read by the push channel like an alert's: title, body, level, event.
 */
final class ReportNoticeWriter {
  private static final int BODY_TEXT = 200;
  private static final String INSERT = """
      INSERT INTO outbox (report_id, person_id, channel, purpose, payload, drill)
      SELECT ?, person, 'push', 'report', ?::jsonb, ? FROM unnest(?::bigint[]) AS person""";

  private ReportNoticeWriter() {
  }

  /** Returns the number of outbox rows written. */
  static int toDutyOfficers(Connection c, long report, String point, String pointName, ReportQueries.NewReport data)
      throws SQLException {
    List<Long> people = Recipients.dutyOfficers(c, point);
    if (people.isEmpty()) {
      people = Recipients.nextTier(c, point);
    }
    if (people.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setLong(1, report);
      s.setString(2, message(report, point, pointName, data).encode());
      s.setBoolean(3, data.drill());
      s.setArray(4, c.createArrayOf("bigint", people.toArray()));
      return s.executeUpdate();
    }
  }

  static JsonObject message(long report, String point, String pointName, ReportQueries.NewReport data) {
    String description = abbreviated(data.description());
    return new JsonObject()
        .put("title", (data.drill() ? "[DRILL] " : "") + (data.fromPublic() ? "Danger report from the public: "
            : "Danger report: ") + pointName)
        .put("body", "Suggested level: " + data.level().toUpperCase(Locale.ROOT) + ". Signs: " + signs(data.signs())
            + ". " + description)
        .put("report_id", report)
        .put("point", point)
        .put("point_name", pointName)
        .put("level", data.level())
        .put("signs", new JsonArray(List.copyOf(data.signs())))
        .put("event", "report")
        .put("drill", data.drill())
        .put("from_public", data.fromPublic());
  }

  private static String abbreviated(String text) {
    if (text.length() <= BODY_TEXT) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(BODY_TEXT - 2)) ? BODY_TEXT - 2 : BODY_TEXT - 1;
    return text.substring(0, cut) + "…";
  }

  /** The signs as words: "new cracks, seepage or muddy water". */
  static String signs(List<String> signs) {
    return String.join(", ", signs.stream().map(sign -> sign.replace('_', ' ')).toList());
  }
}
