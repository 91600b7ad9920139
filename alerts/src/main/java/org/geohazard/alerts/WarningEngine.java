package org.geohazard.alerts;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.geohazard.alerts.config.AlertsConfig;
import org.geohazard.alerts.config.PushConfig;
import org.geohazard.alerts.config.SmsConfig;
import org.geohazard.alerts.delivery.CommandPublisher;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.delivery.OutboxDispatcher;
import org.geohazard.alerts.engine.EvaluationQueue;
import org.geohazard.alerts.engine.PendingEvaluations;
import org.geohazard.alerts.engine.PointEvaluator;
import org.geohazard.alerts.escalation.EscalationScheduler;
import org.geohazard.alerts.escalation.HelpRequestReminders;
import org.geohazard.alerts.health.DeviceHealthMonitor;
import org.geohazard.lifecycle.Worker;
import org.geohazard.lifecycle.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warning engine of a node, and the one way in for the node that runs it: evaluation of the points that got new readings, the outbox dispatcher, and the
 * periodic rounds of reminders, calls for help and device health — each a {@link Worker} of its own, never on an
 * event loop. Readings are acknowledged before their point is evaluated, so at start the engine first evaluates every
 * point with readings its rules have not stepped (what a crash left behind), and at stop it evaluates the points still
 * waiting, for at most {@link #DRAIN_LIMIT}, before it ends (what it cannot finish, the next start finds).
 */
public final class WarningEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarningEngine.class);
  private static final Duration ESCALATION_PERIOD = Duration.ofSeconds(15);
  private static final Duration HEALTH_PERIOD = Duration.ofSeconds(60);
  /** Inside the 30 s a container is given to stop (docker-compose.yml), after the intake and writer stop. */
  public static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

  private final EvaluationQueue evaluations;
  private final OutboxDispatcher dispatcher;
  private final List<Worker> rounds;

  private WarningEngine(EvaluationQueue evaluations, OutboxDispatcher dispatcher, List<Worker> rounds) {
    this.evaluations = evaluations;
    this.dispatcher = dispatcher;
    this.rounds = rounds;
  }

  /** Blocking (reads the push key file, queries the database): call it on a worker. */
  public static WarningEngine start(Workers workers, DataSource dataSource, CommandPublisher commands,
      AlertsConfig config, PushConfig push, SmsConfig sms) throws IOException, SQLException {
    Notifier notifier = new Notifier(config.delivery());
    OutboxDispatcher dispatcher = Delivery.dispatcher(workers, dataSource, commands, config.delivery(), push, sms);
    EvaluationQueue evaluations = new EvaluationQueue(workers, dataSource,
        new PointEvaluator(config.lateAfter().toMillis(), notifier), evaluation -> {
          if (evaluation.change().isPresent()) {
            dispatcher.wake();
          }
        });
    List<String> pending;
    try (Connection connection = dataSource.getConnection()) {
      pending = PendingEvaluations.find(connection);
    }
    if (!pending.isEmpty()) {
      LOG.info("{} points have readings not yet evaluated (the gateway stopped before it evaluated them):"
          + " evaluating them first", pending.size());
    }
    evaluations.submit(pending);
    evaluations.start();
    dispatcher.start();
    EscalationScheduler escalation = new EscalationScheduler(dataSource, config.escalation(), notifier);
    DeviceHealthMonitor health = new DeviceHealthMonitor(dataSource, config.health(), config.lateAfter(), notifier);
    HelpRequestReminders help = new HelpRequestReminders(dataSource, config.help(), notifier.help());
    List<Worker> rounds = List.of(
        workers.every("reminders", ESCALATION_PERIOD, () -> sent(dispatcher, escalation.runOnce())),
        workers.every("help-requests", ESCALATION_PERIOD, () -> sent(dispatcher, help.runOnce())),
        workers.every("device-health", HEALTH_PERIOD, () -> sent(dispatcher, health.runOnce())));
    rounds.forEach(Worker::start);
    return new WarningEngine(evaluations, dispatcher, rounds);
  }

  /** What a periodic round wrote to the outbox goes out at once, not at the dispatcher's next look. */
  private static boolean sent(OutboxDispatcher dispatcher, int written) {
    if (written > 0) {
      dispatcher.wake();
    }
    return written > 0;
  }

  /** Something may have written to the outbox (an API node's manual alert, a danger report): send it now. */
  public void wake() {
    dispatcher.wake();
  }

  /** Points whose readings were just committed. */
  public void evaluate(Collection<String> points) {
    evaluations.submit(points);
  }

  /** Call it once the intake and its writer have stopped: nothing submits points any more. */
  @Override
  public void close() throws InterruptedException {
    Worker.closeAll(rounds);
    int left = evaluations.drain(DRAIN_LIMIT);
    if (left > 0) {
      LOG.warn("{} points were not evaluated within {} s of stopping; the next start evaluates them", left,
          DRAIN_LIMIT.toSeconds());
    }
    evaluations.close();
    dispatcher.close();
  }
}
