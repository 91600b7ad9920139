package org.geohazard.alerts.rules;

import static org.geohazard.alerts.rules.SeriesBuilder.DAY;
import static org.geohazard.alerts.rules.SeriesBuilder.HOUR;
import static org.geohazard.alerts.rules.SeriesBuilder.MINUTE;
import static org.geohazard.alerts.rules.SeriesBuilder.T0;
import static org.geohazard.alerts.rules.SeriesBuilder.transitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

@Tag("unit")
@Timeout(60)
class RuleBehaviourTest {
  private static final long LATE = 2 * HOUR;
  // steady creep (about 45 degrees) is blue; beyond 45 initial, beyond 80 mid acceleration; 85 imminent failure
  private static final Thresholds TANGENT_DEFAULTS = Thresholds.of(40, 45, 80, 85);

  @Test
  void acceleratingCreepPassesBlueYellowOrangeRedInOrder() {
    Random noise = new Random(7);
    // 30 days of steady creep at 1 mm/day, then velocity growing 25% a day; hourly GNSS samples, 0.3 mm noise
    Series creep = SeriesBuilder.of(24 * 45, HOUR, i -> {
      double days = i / 24.0;
      double steady = Math.min(days, 30);
      double accelerating = days <= 30 ? 0 : (Math.exp(0.25 * (days - 30)) - 1) / 0.25 - (days - 30);
      return steady + (days > 30 ? days - 30 : 0) + accelerating + noise.nextGaussian() * 0.3;
    });
    Rule rule = new Rule("creep", new TangentAngleMeasure(TANGENT_DEFAULTS, 1.0, 3 * DAY),
        new Persistence(3, 0, 5, DAY), Double.NaN, true);

    assertEquals(List.of(1, 2, 3, 4), transitions(rule, creep, LATE));
  }

  @Test
  void noisyStableSeriesStaysQuiet() {
    Random noise = new Random(11);
    Series stable = SeriesBuilder.of(24 * 60, HOUR, i -> 12.0 + noise.nextGaussian() * 0.5);
    Rule tangent = new Rule("creep", new TangentAngleMeasure(TANGENT_DEFAULTS, 1.0, 3 * DAY),
        new Persistence(3, 0, 5, 6 * HOUR), Double.NaN, true);
    Rule rate = new Rule("crack-rate", new RateMeasure(Thresholds.of(2, 5, 10, 20), DAY, DAY),
        new Persistence(2, 0, 0.5, HOUR), Double.NaN, true);
    Rule level = new Rule("crack", new ThresholdMeasure(Thresholds.of(3, 5, 8, 12), 12.0),
        new Persistence(2, 0, 0.5, HOUR), Double.NaN, true);

    assertEquals(List.of(), transitions(tangent, stable, LATE));
    assertEquals(List.of(), transitions(rate, stable, LATE));
    assertEquals(List.of(), transitions(level, stable, LATE));
  }

  @Test
  void valuesHoveringAroundAThresholdDoNotFlap() {
    // ten-minute samples alternating 9.6 / 10.4 around the yellow threshold 10 for a day, then 8 for two hours
    Series hovering = SeriesBuilder.of(6 * 26, 10 * MINUTE, i -> i < 6 * 24 ? (i % 2 == 0 ? 9.6 : 10.4) : 8.0);
    Rule rule = new Rule("crack", new ThresholdMeasure(Thresholds.of(5, 10, 20, 30), Double.NaN),
        new Persistence(1, 0, 1.0, HOUR), Double.NaN, true);

    // blue from the first sample, yellow once, and back to blue only when the values fall well below 10
    assertEquals(List.of(1, 2, 1), transitions(rule, hovering, LATE));
  }

  @Test
  void persistenceNeedsConsecutiveSamplesOrTime() {
    Series twoHigh = SeriesBuilder.of(4, 10 * MINUTE, i -> i == 1 || i == 2 ? 50 : 0);
    Rule threeSamples = new Rule("r", new ThresholdMeasure(Thresholds.of(10, 20, 30, 40), Double.NaN),
        new Persistence(3, 0, 0, 0), Double.NaN, true);
    Rule twoSamples = new Rule("r", new ThresholdMeasure(Thresholds.of(10, 20, 30, 40), Double.NaN),
        new Persistence(2, 0, 0, 0), Double.NaN, true);
    Rule halfAnHour = new Rule("r", new ThresholdMeasure(Thresholds.of(10, 20, 30, 40), Double.NaN),
        new Persistence(1, 30 * MINUTE, 0, 0), Double.NaN, true);

    assertEquals(List.of(), transitions(threeSamples, twoHigh, LATE));
    assertEquals(List.of(4, 0), transitions(twoSamples, twoHigh, LATE));
    assertEquals(List.of(), transitions(halfAnHour, twoHigh, LATE));
  }

  @Test
  void rainStormClimbsThroughTheLevelsAndClearsWhenTheWindowsEmpty() {
    // ten-minute rain gauge: 12 h dry, 3 h at 50 mm/h, then dry for 36 h
    Series storm = SeriesBuilder.of(6 * 51, 10 * MINUTE, i -> i >= 72 && i < 90 ? 50 / 6.0 : 0);
    TreeMap<Long, Thresholds> plan = new TreeMap<>();
    plan.put(HOUR, Thresholds.of(35, 45, 60, 80));
    plan.put(3 * HOUR, Thresholds.of(55, 75, 100, 120));
    plan.put(6 * HOUR, Thresholds.of(70, 95, 120, 150));
    plan.put(24 * HOUR, Thresholds.of(100, 130, 160, 200));
    Rule rule = new Rule("rain", new AccumulationMeasure(plan), new Persistence(1, 0, 5, HOUR), Double.NaN, true);

    List<Integer> levels = transitions(rule, storm, LATE);

    assertEquals(List.of(1, 2, 3, 4), levels.subList(0, 4));
    assertEquals(0, levels.get(levels.size() - 1));
    for (int i = 4; i < levels.size(); i++) {
      assertTrue(levels.get(i) < levels.get(i - 1), "after the storm the level only falls: " + levels);
    }
  }

  @Test
  void lateReadingUpdatesHistoryButRaisesNothing() {
    Rule rule = new Rule("crack", new ThresholdMeasure(Thresholds.of(5, 10, 20, 30), Double.NaN),
        Persistence.IMMEDIATE, Double.NaN, true);
    Series late = new SeriesBuilder().add(T0, 1, T0).add(T0 + HOUR, 35, T0 + 5 * HOUR).build();
    Series onTime = new SeriesBuilder().add(T0, 1, T0).add(T0 + HOUR, 35, T0 + HOUR + MINUTE).build();

    RuleState afterLate = RuleStepper.advance(rule, RuleState.INITIAL, late, LATE);
    assertEquals(0, afterLate.severity());
    assertEquals(T0 + HOUR, afterLate.evaluatedTo());
    assertEquals(4, RuleStepper.advance(rule, RuleState.INITIAL, onTime, LATE).severity());
  }

  @Test
  void isolatedSpikeRaisesNothingButAConfirmedStepDoes() {
    Rule rule = new Rule("crack", new ThresholdMeasure(Thresholds.of(5, 10, 20, 30), Double.NaN),
        Persistence.IMMEDIATE, 8.0, true);
    Series spike = SeriesBuilder.of(5, 10 * MINUTE, i -> i == 2 ? 40 : 1);
    Series step = SeriesBuilder.of(5, 10 * MINUTE, i -> i >= 2 ? 40 : 1);

    assertEquals(List.of(), transitions(rule, spike, LATE));
    assertEquals(List.of(4), transitions(rule, step, LATE));
  }

  @Test
  void combinationNeedsItsEvidence() {
    Combination all = new Combination("village", List.of("displacement", "rain"), Combination.Mode.ALL, 0, true);
    Combination any = new Combination("either", List.of("displacement", "rain"), Combination.Mode.ANY, 0, true);
    Combination two = new Combination("two", List.of("a", "b", "c"), Combination.Mode.AT_LEAST, 2, true);

    assertEquals(2, all.severity(new int[] {3, 2}));
    assertEquals(0, all.severity(new int[] {4, 0}));
    assertEquals(4, any.severity(new int[] {4, 0}));
    assertEquals(1, two.severity(new int[] {4, 0, 1}));
  }

  @Test
  void thresholdsMustRiseWithTheLevel() {
    assertThrows(IllegalArgumentException.class, () -> Thresholds.of(10, 5, 20, 30));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    assertEquals(3, Thresholds.of(Double.NaN, 5, 20, Double.NaN).severity(25, 0));
  }

  @Test
  void oneInRangeGlitchDoesNotRaiseOrangeOrRedButTwoSamplesDo() {
    Rule rule = parsed("{name: crack, kind: threshold, channel: LF-1/crack_width,"
        + " levels: {blue: 5, yellow: 10, orange: 20, red: 30}}");
    Series glitch = SeriesBuilder.of(5, 10 * MINUTE, i -> i == 2 ? 35 : 1);
    Series surge = SeriesBuilder.of(5, 10 * MINUTE, i -> i >= 2 ? 35 : 1);
    Series yellow = SeriesBuilder.of(3, 10 * MINUTE, i -> i == 1 ? 12 : 1);

    assertEquals(List.of(), transitions(rule, glitch, LATE), "a single red sample wakes nobody");
    assertEquals(List.of(4), transitions(rule, surge, LATE), "the second red sample confirms it");
    assertEquals(List.of(2, 0), transitions(rule, yellow, LATE), "yellow still follows one sample");
  }

  @Test
  void aRuleThatMustNotWaitRaisesRedOnOneSample() {
    Rule rule = parsed("{name: surge, kind: threshold, channel: SG-1/water_level, confirm: false,"
        + " levels: {orange: 2.0, red: 2.5}}");
    Series surge = SeriesBuilder.of(2, 5 * MINUTE, i -> i == 1 ? 2.7 : 0.5);

    assertEquals(List.of(4), transitions(rule, surge, LATE));
  }

  @Test
  void aSpikeCheckConfirmsOrangeAndRedInsteadOfASecondSample() {
    Rule rule = parsed("{name: crack, kind: threshold, channel: LF-1/crack_width, spike: 40,"
        + " levels: {orange: 20, red: 30}}");
    Series step = SeriesBuilder.of(3, 10 * MINUTE, i -> i == 2 ? 35 : 1);

    assertEquals(List.of(4), transitions(rule, step, LATE));
  }

  @Test
  void confirmMustBeTrueOrFalse() {
    RuleException error = assertThrows(RuleException.class, () -> parsed("{name: crack, kind: threshold,"
        + " channel: LF-1/crack_width, confirm: 'no', levels: {red: 30}}"));
    assertEquals("point P1 rule crack: confirm must be true (orange and red wait for a second sample, the default)"
        + " or false (one sample may raise them); got no", error.getMessage());
  }

  @Test
  void aSampleCommittedAfterNewerOnesCountsOnceAndOnlyWithinTheLateAfterStretch() {
    Rule rule = new Rule("crack", new ThresholdMeasure(Thresholds.of(5, 10, 20, 30), Double.NaN),
        new Persistence(3, 0, 0, 0), Double.NaN, true);
    Series first = new SeriesBuilder().add(T0, 35, T0).add(T0 + 20 * MINUTE, 35, T0 + 20 * MINUTE).build();
    RuleStepper.Stepped before = RuleStepper.advance(rule, RuleState.INITIAL, SteppedTimes.none(-1), first, LATE);
    // minute 10 comes from a gateway that fell behind
    Series all = new SeriesBuilder().add(T0, 35, T0).add(T0 + 10 * MINUTE, 35, T0 + 21 * MINUTE)
        .add(T0 + 20 * MINUTE, 35, T0 + 20 * MINUTE).build();

    RuleStepper.Stepped after = RuleStepper.advance(rule, before.state(), before.times(), all, LATE);
    assertEquals(2, before.state().pendingSamples());
    assertEquals(4, after.state().severity(), "the third red sample completes the run");
    assertEquals(T0 + 20 * MINUTE, after.state().evaluatedTo(), "the watermark does not move back");
    assertEquals(after.state(), RuleStepper.advance(rule, after.state(), after.times(), all, LATE).state(),
        "stepped once: evaluating again changes nothing");

    Series stale = new SeriesBuilder().add(T0, 35, T0).add(T0 + 20 * MINUTE, 35, T0 + 20 * MINUTE)
        .add(T0 + 3 * HOUR, 1, T0 + 3 * HOUR).build();
    RuleStepper.Stepped later = RuleStepper.advance(rule, RuleState.INITIAL, SteppedTimes.none(-1), stale, LATE);
    Series withOld = new SeriesBuilder().add(T0, 35, T0).add(T0 + 10 * MINUTE, 35, T0 + 3 * HOUR)
        .add(T0 + 20 * MINUTE, 35, T0 + 20 * MINUTE).add(T0 + 3 * HOUR, 1, T0 + 3 * HOUR).build();
    assertEquals(later.state(), RuleStepper.advance(rule, later.state(), later.times(), withOld, LATE).state(),
        "a sample further below the watermark than the late-after limit is history only");
  }

  private static Rule parsed(String yaml) {
    RuleDefinition definition = RuleParser.parse("P1", new JsonObject(new Yaml().<Map<String, Object>>load(yaml)));
    return definition.rule(definition.measure());
  }
}
