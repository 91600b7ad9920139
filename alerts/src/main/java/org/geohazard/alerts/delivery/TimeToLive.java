package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.geohazard.domain.WarningLevel;

/**
 * How long a message to a person is worth delivering, counted from when it was written (the outbox row's
 * {@code created_at}), never from an attempt: a stale watch is useless, a stale evacuation call still matters for a
 * while. A message without a level (device health, reports) lives as long as a blue one.
 */
final class TimeToLive {
  private TimeToLive() {
  }

  static Duration of(WarningLevel level) {
    return switch (level) {
      case BLUE -> Duration.ofHours(12);
      case YELLOW -> Duration.ofHours(6);
      case ORANGE -> Duration.ofHours(2);
      case RED -> Duration.ofHours(1);
    };
  }

  static WarningLevel level(JsonObject payload) {
    return WarningLevel.byKey(payload.getString("level", "")).orElse(WarningLevel.BLUE);
  }

  static Instant expiry(OutboxRow row) {
    return row.createdAt().plus(of(level(row.payload())));
  }

  static boolean expired(OutboxRow row, Instant now) {
    return !expiry(row).isAfter(now);
  }

  static Outcome expiredOutcome(OutboxRow row) {
    return Outcome.expired("time to live ran out before delivery",
        new JsonObject().put("expired_at", expiry(row).toString()));
  }
}
