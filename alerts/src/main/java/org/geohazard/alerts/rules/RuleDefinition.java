package org.geohazard.alerts.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule as configured for a hazard point: what it reads, how it measures, and how it raises and lowers. Either a
 * measured rule ({@code measure} or {@code tangent} set) or a {@code combination} of other rules of the point.
 *
 * @param channels the sensors read, as device id and channel key; several for a tangent angle on a vector
 *     (horizontal GNSS displacement)
 * @param tangent the tangent-angle settings when the steady-creep velocity comes from a reference period
 */
public record RuleDefinition(
    String name, String kind, List<ChannelRef> channels, Measure measure, TangentSpec tangent,
    Combination combination, Persistence persistence, double spike, boolean standalone) {

  /** A device's channel. */
  public record ChannelRef(String device, String channel) {
    @Override
    public String toString() {
      return device + "/" + channel;
    }
  }

  /** An improved tangent angle whose steady-creep velocity is measured over a reference period. */
  public record TangentSpec(Thresholds thresholds, long windowMillis, Instant referenceFrom, Instant referenceTo) {
    public TangentAngleMeasure measure(double steadyVelocityPerDay) {
      return new TangentAngleMeasure(thresholds, steadyVelocityPerDay, windowMillis);
    }
  }

  public boolean isCombination() {
    return combination != null;
  }

  public Rule rule(Measure resolved) {
    return new Rule(name, resolved, persistence, spike, standalone);
  }

  /** The longest history before a new sample that the rule reads. */
  public long lookbackMillis() {
    return measure != null ? measure.lookbackMillis() : tangent != null ? tangent.windowMillis() : 0;
  }
}
