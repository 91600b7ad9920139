package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Siren and sampling commands (device contract v1): sent again every {@code resendEvery} until the device answers on
 * cmd/ack or the command's lifetime (counted from when it was written) runs out; no attempt count ends it sooner. The
 * command id is derived from the outbox row, so every resend is the same command, with the same {@code seq}. A newer
 * command of the same type to the device supersedes it (see {@link OutboxWriter}); it is then never sent again, and a
 * late acknowledgement of it is recorded by the gateway and changes nothing.
 */
public final class CommandChannel implements Channel {
  private static final String ACK = "SELECT ok, error FROM command_ack WHERE device_id = ? AND command_id = ?";

  private final DataSource dataSource;
  private final CommandPublisher publisher;
  private final Duration lifetime;
  private final Duration resendEvery;

  public CommandChannel(DataSource dataSource, CommandPublisher publisher, Duration lifetime, Duration resendEvery) {
    this.dataSource = dataSource;
    this.publisher = publisher;
    this.lifetime = lifetime;
    this.resendEvery = resendEvery;
  }

  /** One command per call: its outcome is recorded as soon as the broker has it. */
  @Override
  public int rowsPerCall() {
    return 1;
  }

  /** A publish waits at most 10 s for the broker's PUBACK. */
  @Override
  public Duration longestCall() {
    return Duration.ofSeconds(15);
  }

  public static String commandId(long outboxId) {
    return "cmd-" + outboxId;
  }

  @Override
  public Map<Long, Outcome> send(List<OutboxRow> rows) throws SQLException {
    Map<Long, Outcome> outcomes = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ack = c.prepareStatement(ACK)) {
      for (OutboxRow row : rows) {
        outcomes.put(row.id(), send(ack, row));
      }
    }
    return outcomes;
  }

  private Outcome send(PreparedStatement ack, OutboxRow row) throws SQLException {
    String id = commandId(row.id());
    ack.setString(1, row.deviceId());
    ack.setString(2, id);
    try (ResultSet r = ack.executeQuery()) {
      if (r.next()) {
        JsonObject result = new JsonObject().put("command_id", id).put("acknowledged", true).put("ok", r.getBoolean(1));
        return r.getBoolean(1) ? Outcome.sent(result)
            : Outcome.failed("device refused the command: " + r.getString(2), result);
      }
    }
    Instant expires = row.createdAt().plus(lifetime);
    if (Instant.now().isAfter(expires)) {
      return Outcome.expired("expired without acknowledgement", new JsonObject().put("command_id", id));
    }
    JsonObject command = row.payload().copy().put("id", id).put("expires", expires.toEpochMilli());
    try {
      publisher.publish(row.deviceId(), command);
    } catch (Exception e) {
      return Outcome.retry(resendEvery, "publish failed: " + e.getMessage(), null);
    }
    return Outcome.retry(resendEvery, "awaiting acknowledgement",
        new JsonObject().put("command_id", id).put("published", row.attempts()));
  }
}
