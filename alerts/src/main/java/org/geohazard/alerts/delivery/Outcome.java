package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What became of one outbox row: delivered, to be tried again (after a delay, e.g. a Retry-After), or failed for good.
 */
public record Outcome(Kind kind, Duration retryAfter, String error, JsonObject result) {
  public enum Kind { SENT, RETRY, FAILED }

  public static Outcome sent(JsonObject result) {
    return new Outcome(Kind.SENT, null, null, result);
  }

  public static Outcome retry(Duration after, String error, JsonObject result) {
    return new Outcome(Kind.RETRY, after, error, result);
  }

  public static Outcome failed(String error, JsonObject result) {
    return new Outcome(Kind.FAILED, null, error, result);
  }
}
