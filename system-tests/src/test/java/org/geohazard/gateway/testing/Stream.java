package org.geohazard.gateway.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device publishing a steady stream of samples on its own thread: sample i has ts = t0 + i seconds and
 * crack_width = i, crack_width_2 = -i. Each publish waits for the broker's PUBACK, as a device would.
 */
public final class Stream implements AutoCloseable {
  public static final long T0 = 1_751_356_800_000L;

  private final Thread thread;
  private final AtomicInteger published = new AtomicInteger();
  private volatile Exception failure;

  public Stream(String brokerUrl, String prefix, String deviceId, int samples, int perSecond) {
    this(() -> TestDevice.connect(brokerUrl, prefix, deviceId), deviceId, samples, perSecond);
  }

  /** A stream from a device connected by {@code connect} (credentials, TLS). */
  public Stream(java.util.concurrent.Callable<TestDevice> connect, String deviceId, int samples, int perSecond) {
    thread = new Thread(() -> {
      try (TestDevice device = connect.call()) {
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
          device.telemetry("{\"ts\": " + (T0 + i * 1000L) + ", \"seq\": " + i
              + ", \"values\": {\"crack_width\": " + i + ", \"crack_width_2\": " + -i + "}}");
          published.incrementAndGet();
          long due = start + (i + 1) * 1_000_000_000L / perSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      } catch (Exception e) {
        failure = e;
      }
    }, "stream-" + deviceId);
    thread.start();
  }

  public int published() {
    return published.get();
  }

  /** Waits until every sample was accepted by the broker; rethrows what stopped the device. */
  public void finish() throws Exception {
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
