package org.geohazard.alerts.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A way of delivering outbox rows (app push, device command, SMS gateway). Blocking: runs on the dispatcher. */
public interface Channel {
  /** The outcome of every row, by row id. */
  Map<Long, Outcome> send(List<OutboxRow> rows) throws Exception;

  /**
   * How many rows one call of {@link #send} takes at most. The dispatcher records the outcomes of each call as soon as
   * it returns, so a row's outcome never waits for the rest of its batch.
   */
  default int rowsPerCall() {
    return 500;
  }

  /**
   * The longest one call of {@link #send} can take. The dispatcher starts a call only while its lease on the rows has
   * at least this long to run, so no row is sent after its lease has passed to another dispatcher.
   */
  default Duration longestCall() {
    return Duration.ofSeconds(30);
  }

  /** Releases what the channel holds (connections, threads); called once no dispatcher thread can call it again. */
  default void close() {
  }
}
