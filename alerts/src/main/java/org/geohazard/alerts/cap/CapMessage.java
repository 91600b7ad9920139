package org.geohazard.alerts.cap;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.geohazard.domain.WarningLevel;

/**
 * What one CAP message says: one event of a public alert (raised, a level change, or its end) with the point it
 * concerns.
 *
 * @param eventType raised, level_up, level_down, expired or resolved
 * @param manual raised by a person (its title is theirs) rather than by the rules
 * @param earlier the (identifier, sent) of the alert's earlier messages, for {@code references}
 */
public record CapMessage(
    long alertId, long eventId, String eventType, Instant sent, Optional<WarningLevel> level, boolean drill,
    String title, boolean manual, String note, Point point, List<Earlier> earlier) {

  /** The hazard point: name, type, place, threatened zone and evacuation plan. */
  public record Point(String code, String name, String hazardType, double latitude, double longitude, String county,
      String township, String village, JsonObject threatenedZone, JsonObject evacuationPlan) {
  }

  public record Earlier(long eventId, Instant sent) {
  }
}
