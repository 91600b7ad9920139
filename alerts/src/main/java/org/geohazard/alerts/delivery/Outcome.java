package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What became of one outbox row: delivered, to be tried again (after a delay, e.g. a Retry-After), failed for good, or
 * expired (its time to live, counted from when it was written, ran out before it could be delivered).
 */
public record Outcome(Kind kind, Duration retryAfter, String error, JsonObject result) {
  public enum Kind { SENT, RETRY, FAILED, EXPIRED }

  public static Outcome sent(JsonObject result) {
    return new Outcome(Kind.SENT, null, null, result);
  }

  public static Outcome retry(Duration after, String error, JsonObject result) {
    return new Outcome(Kind.RETRY, after, error, result);
  }

  public static Outcome failed(String error, JsonObject result) {
    return new Outcome(Kind.FAILED, null, error, result);
  }

  public static Outcome expired(String error, JsonObject result) {
    return new Outcome(Kind.EXPIRED, null, error, result);
  }
}
