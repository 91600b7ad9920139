package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app channel without Firebase credentials: records, per recipient, the message it would send and to how many of
 * their devices, and logs it, so a deployment without push still shows what its people would have received.
 */
public final class RecordingPushChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingPushChannel.class);

  private final DataSource dataSource;

  public RecordingPushChannel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Map<Long, Outcome> send(List<OutboxRow> rows) throws SQLException {
    Map<Long, List<String>> tokens;
    try (Connection c = dataSource.getConnection()) {
      tokens = PushTokens.byPerson(c, rows.stream().map(OutboxRow::personId).toList());
    }
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (OutboxRow row : rows) {
      int devices = tokens.getOrDefault(row.personId(), List.of()).size();
      LOG.info("[alert: {}, person: {}] push not configured; would send to {} app(s): {}", row.alertId(),
          row.personId(), devices, row.payload().getString("title"));
      outcomes.put(row.id(), Outcome.sent(new JsonObject().put("recorded", true).put("apps", devices)));
    }
    return outcomes;
  }
}
