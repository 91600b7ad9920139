package org.geohazard.alerts.delivery;

import java.util.List;
import java.util.Map;

/** A way of delivering outbox rows (app push, device command, SMS gateway). Blocking: runs on the dispatcher. */
public interface Channel {
  /** The outcome of every row, by row id. */
  Map<Long, Outcome> send(List<OutboxRow> rows) throws Exception;
}
