package org.geohazard.gateway.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for an outcome that arrives asynchronously (rows committed, messages delivered). */
public final class Eventually {
  private Eventually() {
  }

  public static <T> T await(Duration timeout, Callable<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = probe.call();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        return value;
      }
      Thread.sleep(50);
      value = probe.call();
    }
    return value;
  }
}
