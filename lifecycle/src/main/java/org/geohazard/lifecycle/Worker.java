package org.geohazard.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work of a node: threads of its own that run a round again and again until {@link #close()}. A round
 * does its own waiting (a queue, a signal, LISTEN); a periodic worker ({@link Workers#every}) waits its period before
 * each round instead, and {@link #wake()} starts the next round at once. A failed round is logged and followed by a
 * pause that grows with the failures in a row ({@link Backoff}); a round that fails because the worker is stopping
 * (a call cut short by the interrupt) is not a failure and is not logged. Rounds that did work and failures are
 * counted. Stopping is bounded: the flag, an interrupt, then at most {@link #STOP_LIMIT} for the threads to end.
 */
public final class Worker implements AutoCloseable {
  /** How long {@link #close()} waits for the threads to end. */
  public static final Duration STOP_LIMIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** One round of work. */
  @FunctionalInterface
  public interface Round {
    /** Returns whether the round did work (counted), false when it found nothing to do. */
    boolean run() throws Exception;
  }

  private final String name;
  private final Round round;
  private final Duration period;
  private final Backoff backoff;
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder rounds = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final Object signal = new Object();
  private volatile boolean running = true;
  private boolean woken;

  Worker(String name, int threadCount, Duration period, Backoff backoff, Round round) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("worker " + name + " needs at least one thread");
    }
    this.name = name;
    this.round = round;
    this.period = period;
    this.backoff = backoff;
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(this::run, threadCount == 1 ? name : name + "-" + i);
      thread.setDaemon(true); // a node stops its workers in order; a forgotten one never keeps the process alive
      threads.add(thread);
    }
  }

  public Worker start() {
    threads.forEach(Thread::start);
    return this;
  }

  public String name() {
    return name;
  }

  /** Rounds that did work. */
  public long rounds() {
    return rounds.sum();
  }

  /** Rounds that failed (not counting those cut short by a stop). */
  public long failures() {
    return failures.sum();
  }

  /** Whether any of its threads runs. */
  public boolean alive() {
    return threads.stream().anyMatch(Thread::isAlive);
  }

  /** Whether {@link #close()} was called: a round that sees it should end what it does and return. */
  public boolean stopping() {
    return !running;
  }

  /** A periodic worker runs its next round now instead of at the end of its period. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    int failuresInRow = 0;
    while (running) {
      try {
        if (period != null && failuresInRow == 0) {
          awaitPeriod();
        }
        if (!running) {
          return;
        }
        if (round.run()) {
          rounds.increment();
        }
        failuresInRow = 0;
      } catch (Exception | Error e) {
        if (!running) {
          LOG.debug("[worker: {}] round cut short by the stop ({})", name, e.toString());
          return;
        }
        failuresInRow++;
        failed(e, failuresInRow);
      }
    }
  }

  private void awaitPeriod() throws InterruptedException {
    long deadline = System.nanoTime() + period.toNanos();
    synchronized (signal) {
      while (!woken && running) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        signal.wait(Math.max(1, left / 1_000_000));
      }
      woken = false;
    }
  }

  private void failed(Throwable e, int failuresInRow) {
    failures.increment();
    long pause = backoff.pause(failuresInRow).toMillis();
    Throwable cause = e instanceof RoundFailed && e.getCause() != null ? e.getCause() : e;
    String what = e instanceof RoundFailed ? e.getMessage() : "[worker: " + name + "] round failed";
    if (cause instanceof RuntimeException || cause instanceof Error) {
      LOG.error("{}; next round in {} ms", what, pause, cause);
    } else {
      LOG.warn("{} ({}); next round in {} ms", what, cause.toString(), pause);
    }
    try {
      Thread.sleep(pause);
    } catch (InterruptedException stopped) {
      // close() interrupts the pause; the loop sees the flag
    }
  }

  /** Stops the rounds: interrupts them and waits, at most {@link #STOP_LIMIT}, for the threads to end. */
  @Override
  public void close() {
    closeAll(List.of(this));
  }

  /** Stops several workers at once: all are told, then all are waited for, within one {@link #STOP_LIMIT}. */
  public static void closeAll(Collection<Worker> workers) {
    for (Worker worker : workers) {
      worker.running = false;
      worker.threads.forEach(Thread::interrupt);
    }
    long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
    try {
      for (Worker worker : workers) {
        for (Thread thread : worker.threads) {
          thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Worker worker : workers) {
      if (worker.alive()) {
        LOG.warn("[worker: {}] did not stop within {} s; its threads are left to end", worker.name,
            STOP_LIMIT.toSeconds());
      }
    }
  }
}
