package org.geohazard.telemetry.batch;

/**
 * @param readingsStored readings that were new
 * @param readingsDuplicate readings already stored (a redelivery or a device re-sending)
 */
public record BatchResult(int readingsStored, int readingsDuplicate, int deadLetters, int statuses) {
}
