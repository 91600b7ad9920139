package org.geohazard.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WorkerTest {
  private final List<Worker> made = new ArrayList<>();
  private final Workers workers = new Workers(made::add);

  @Test
  void roundsRunBackToBackUntilTheStopWhichEndsTheirWait() throws Exception {
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
    BlockingQueue<String> done = new ArrayBlockingQueue<>(10);
    Worker worker = workers.loop("echo", () -> done.add(queue.take())).start();
    queue.add("a");
    queue.add("b");
    assertEquals("a", done.poll(5, TimeUnit.SECONDS));
    assertEquals("b", done.poll(5, TimeUnit.SECONDS));

    long start = System.nanoTime();
    worker.close(); // the thread waits in take(): the interrupt ends it
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "the stop waited for the queue");
    assertFalse(worker.alive());
    assertEquals(2, worker.rounds());
    assertEquals(0, worker.failures(), "a wait ended by the stop is not a failure");
    assertEquals(List.of(worker), made, "the node is told of every worker it has");
  }

  @Test
  void aFailedRoundIsCountedAndTheNextComesAfterAGrowingPause() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Long> startedAt = new ArrayList<>();
    BlockingQueue<Integer> succeeded = new ArrayBlockingQueue<>(1);
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
    Worker worker = workers.loop("flaky", 1, backoff, () -> {
      synchronized (startedAt) {
        startedAt.add(System.nanoTime());
      }
      if (calls.incrementAndGet() <= 3) {
        throw new SQLException("connection refused", "08001");
      }
      succeeded.offer(calls.get());
      Thread.sleep(60_000);
      return true;
    }).start();
    try {
      assertEquals(4, succeeded.poll(10, TimeUnit.SECONDS));
      assertEquals(3, worker.failures());
      synchronized (startedAt) {
        // pauses of 50-100, 100-200 and 200-400 ms
        assertTrue(startedAt.get(1) - startedAt.get(0) >= TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(startedAt.get(2) - startedAt.get(1) >= TimeUnit.MILLISECONDS.toNanos(100));
        assertTrue(startedAt.get(3) - startedAt.get(2) >= TimeUnit.MILLISECONDS.toNanos(200));
      }
    } finally {
      worker.close();
    }
    assertEquals(0, worker.rounds(), "the round the stop cut short is not counted as done");
    assertEquals(3, worker.failures(), "nor as failed");
  }

  @Test
  void aFailureWhileStoppingEndsTheWorkerQuietly() throws Exception {
    BlockingQueue<Boolean> inCall = new ArrayBlockingQueue<>(1);
    Worker worker = workers.loop("cut-short", () -> {
      inCall.offer(true);
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        throw new SQLException("the call was cancelled", e); // what a client library makes of an interrupt
      }
      return true;
    }).start();
    assertNotNull(inCall.poll(5, TimeUnit.SECONDS));
    worker.close();
    assertFalse(worker.alive());
    assertEquals(0, worker.failures());
  }

  @Test
  void aPeriodicWorkerWaitsItsPeriodUnlessWoken() throws Exception {
    BlockingQueue<Long> ran = new ArrayBlockingQueue<>(10);
    Worker worker = workers.every("hourly", Duration.ofHours(1), () -> ran.add(System.nanoTime())).start();
    try {
      assertNull(ran.poll(300, TimeUnit.MILLISECONDS), "the first round waits a period");
      worker.wake();
      assertNotNull(ran.poll(5, TimeUnit.SECONDS));
      assertNull(ran.poll(300, TimeUnit.MILLISECONDS), "one wake, one round");
      assertEquals(1, worker.rounds());
    } finally {
      worker.close();
    }
  }

  @Test
  void aPeriodicWorkerRunsEachPeriod() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    Worker worker = workers.every("often", Duration.ofMillis(50), () -> rounds.incrementAndGet() > 0).start();
    Thread.sleep(600);
    worker.close();
    assertTrue(rounds.get() >= 3 && rounds.get() <= 12, rounds.get() + " rounds in 600 ms at one per 50 ms");
    assertEquals(rounds.get(), worker.rounds());
  }

  @Test
  void pausesDoubleUpToTheMaximumAndAreSpreadOverTheirUpperHalf() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    for (int i = 0; i < 200; i++) {
      assertBetween(50, 100, backoff.pause(1));
      assertBetween(100, 200, backoff.pause(2));
      assertBetween(400, 800, backoff.pause(4));
      assertBetween(500, 1000, backoff.pause(5));
      assertBetween(500, 1000, backoff.pause(Integer.MAX_VALUE));
    }
  }

  private static void assertBetween(long low, long high, Duration pause) {
    assertTrue(pause.toMillis() >= low && pause.toMillis() <= high, pause + " not within " + low + "-" + high + " ms");
  }
}
