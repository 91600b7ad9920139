package org.geohazard.gateway.pipeline;

import java.util.Set;
import org.geohazard.ingest.batch.BatchResult;

/** What one committed batch held: for metrics now, and for evaluating the points that got new data. */
public record StoredBatch(int messages, BatchResult result, Set<String> points, long oldestArrivalNanos) {
}
