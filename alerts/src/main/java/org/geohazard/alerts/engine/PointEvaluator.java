package org.geohazard.alerts.engine;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.lifecycle.AlertKind;
import org.geohazard.alerts.lifecycle.AlertRepository;
import org.geohazard.alerts.lifecycle.OpenAlert;
import org.geohazard.alerts.rules.Measure;
import org.geohazard.alerts.rules.RuleDefinition;
import org.geohazard.alerts.rules.RuleState;
import org.geohazard.alerts.rules.RuleStepper;
import org.geohazard.alerts.rules.Series;
import org.geohazard.domain.WarningLevel;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one hazard point in one transaction, serialised with every other evaluation of the point by an advisory
 * lock: each rule advances over the samples past its watermark, combinations follow their members, the point's
 * level is the highest of its standalone rules, and the point's warning alert is raised, moved or ended to match —
 * rule state, watermark and alert change committed together, so a restart or a second gateway resumes exactly here.
 */
public final class PointEvaluator {
  public static final String WARNING_SOURCE = "warning";
  private static final Logger LOG = LoggerFactory.getLogger(PointEvaluator.class);
  private static final long DAY = 86_400_000L;

  private final long lateAfterMillis;
  private final Notifier notifier;

  /**
   * @param lateAfterMillis a sample that reaches the platform later than this after it was taken cannot raise
   * @param notifier writes the messages and commands of a warning change into the outbox, in the same transaction
   */
  public PointEvaluator(long lateAfterMillis, Notifier notifier) {
    this.lateAfterMillis = lateAfterMillis;
    this.notifier = notifier;
  }

  public Evaluation evaluate(Connection connection, String point) throws SQLException {
    return Database.inTransaction(connection, c -> {
      RuleRepository.lockPoint(c, point);
      List<StoredRule> rules = RuleRepository.load(c, point);
      Map<String, Integer> levels = new LinkedHashMap<>();
      for (StoredRule rule : rules) {
        if (!rule.definition().isCombination()) {
          RuleStepper.Stepped stepped = advance(c, rule);
          RuleRepository.saveState(c, rule.id(), stepped.state(), stepped.times());
          levels.put(rule.definition().name(), stepped.state().severity());
        }
      }
      int severity = 0;
      for (StoredRule rule : rules) {
        RuleDefinition definition = rule.definition();
        int level = definition.isCombination() ? combine(definition, levels) : levels.get(definition.name());
        if (definition.isCombination()) {
          levels.put(definition.name(), level);
          RuleRepository.saveState(c, rule.id(), new RuleState(level, 0, 0, -1, -1, rule.state().evaluatedTo(),
              Double.NaN), rule.stepped());
        }
        if (definition.standalone()) {
          severity = Math.max(severity, level);
        }
      }
      RuleRepository.savePoint(c, point, severity);
      Optional<Evaluation.Change> change = reconcileWarning(c, point, severity, levels);
      if (change.isPresent()) {
        notifier.warningChanged(c, change.get().alertId(), point, change.get().from(), change.get().to(),
            change.get().drill());
      }
      return new Evaluation(point, severity, levels, change);
    });
  }

  private RuleStepper.Stepped advance(Connection c, StoredRule rule) throws SQLException {
    RuleDefinition definition = rule.definition();
    Measure measure = definition.measure();
    if (measure == null) {
      double steady = SeriesLoader.steadyVelocityPerDay(c, definition.channels(),
          definition.tangent().referenceFrom().toEpochMilli(), definition.tangent().referenceTo().toEpochMilli());
      if (!(steady > 0)) {
        LOG.warn("[rule: {}] no steady creep can be measured over the reference period; rule not evaluated",
            definition.name());
        return new RuleStepper.Stepped(rule.state(), rule.stepped());
      }
      measure = definition.tangent().measure(steady);
    }
    long lookback = measure.lookbackMillis();
    RuleState state = rule.state();
    // from the oldest sample that may still be stepped (one committed after newer ones), less the rule's window
    long after = state.evaluatedTo() >= 0 ? Math.min(state.evaluatedTo(), rule.stepped().from()) - lookback - 1
        : System.currentTimeMillis() - lookback - DAY;
    Series series = SeriesLoader.load(c, definition.channels(), after);
    return RuleStepper.advance(definition.rule(measure), state, rule.stepped(), series, lateAfterMillis);
  }

  private static int combine(RuleDefinition definition, Map<String, Integer> levels) {
    List<String> members = definition.combination().members();
    int[] memberLevels = new int[members.size()];
    for (int i = 0; i < memberLevels.length; i++) {
      memberLevels[i] = levels.getOrDefault(members.get(i), 0);
    }
    return definition.combination().severity(memberLevels);
  }

  private static Optional<Evaluation.Change> reconcileWarning(Connection c, String point, int severity,
      Map<String, Integer> levels) throws SQLException {
    Optional<OpenAlert> open = AlertRepository.findOpen(c, point, WARNING_SOURCE);
    Optional<WarningLevel> target = WarningLevel.ofSeverity(severity);
    JsonObject detail = new JsonObject().put("rules", new JsonObject(new LinkedHashMap<>(levels)));
    if (open.isEmpty()) {
      int resolved = RuleRepository.resolvedSeverity(c, point);
      if (severity == 0 && resolved > 0) {
        RuleRepository.setResolvedSeverity(c, point, 0);
      }
      if (target.isEmpty() || severity <= resolved) {
        return Optional.empty();
      }
      // readings raised it: a real warning, whatever drill runs (only alerts raised by hand in a drill are drills)
      String title = RuleRepository.pointName(c, point) + " warning";
      long id = AlertRepository.raise(c, point, WARNING_SOURCE, AlertKind.WARNING, target.get(), title, false,
          detail);
      LOG.info("[point: {}] {} warning raised (alert {})", point, target.get().key(), id);
      return Optional.of(new Evaluation.Change(id, Optional.empty(), target, false));
    }
    OpenAlert alert = open.get();
    if (target.isEmpty()) {
      if (!AlertRepository.expire(c, alert.id(), detail)) {
        return Optional.empty();
      }
      LOG.info("[point: {}] warning ended (alert {})", point, alert.id());
      return Optional.of(new Evaluation.Change(alert.id(), alert.level(), target, alert.drill()));
    }
    if (alert.level().equals(target)
        || !AlertRepository.changeLevel(c, alert.id(), alert.level().orElse(target.get()), target.get(), detail)) {
      return Optional.empty();
    }
    LOG.info("[point: {}] warning now {} (alert {})", point, target.get().key(), alert.id());
    return Optional.of(new Evaluation.Change(alert.id(), alert.level(), target, alert.drill()));
  }
}
