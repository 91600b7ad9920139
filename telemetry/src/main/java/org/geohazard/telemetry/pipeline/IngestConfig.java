package org.geohazard.telemetry.pipeline;

import java.time.Duration;

/**
 * How messages become stored batches.
 *
 * @param batchMaxMessages a batch is written when it holds this many messages ...
 * @param flushInterval ... or when its first message has waited this long
 * @param maxPayloadBytes larger messages are dead letters ({@code oversized})
 * @param deadLetterPayloadBytes the part of a payload kept with its dead letter
 * @param maxFutureSkew samples stamped further ahead than this are refused
 * @param retryMaxBackoff the longest wait between attempts to write while the database is unavailable
 * @param registryRefresh how often the device registry is re-read
 * @param attemptsBeforeIsolation failures other than an unavailable database before a batch is written message by
 *     message (the message that still fails becomes a dead letter)
 * @param stuckAfter /health reports the writer down when it has stored nothing this long while messages wait
 */
public record IngestConfig(
    int batchMaxMessages, Duration flushInterval, int maxPayloadBytes, int deadLetterPayloadBytes,
    Duration maxFutureSkew, Duration retryMaxBackoff, Duration registryRefresh, int attemptsBeforeIsolation,
    Duration stuckAfter) {
}
