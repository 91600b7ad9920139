package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A leased outbox row: one message or command to one recipient over one channel. */
public record OutboxRow(long id, long alertId, Long personId, String deviceId, String channel, String purpose,
    JsonObject payload, boolean drill, int attempts, Instant createdAt) {
}
