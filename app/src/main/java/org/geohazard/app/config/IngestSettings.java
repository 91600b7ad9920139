package org.geohazard.app.config;

import java.time.Duration;
import org.geohazard.telemetry.pipeline.IngestConfig;

/** The {@code ingest} section, each value within its range. */
final class IngestSettings {
  private IngestSettings() {
  }

  static IngestConfig from(Section s) {
    return new IngestConfig(s.integer("batch-max-messages", 1, 100_000),
        Duration.ofMillis(s.number("flush-interval-ms", 1, 60_000)),
        s.integer("max-payload-bytes", 256, 16 * 1024 * 1024),
        s.integer("dead-letter-payload-bytes", 0, 1024 * 1024),
        Duration.ofSeconds(s.number("max-future-skew-s", 0, 86_400)),
        Duration.ofMillis(s.number("retry-max-backoff-ms", 100, 600_000)),
        Duration.ofSeconds(s.number("registry-refresh-s", 1, 86_400)),
        s.integer("attempts-before-isolation", 1, 100),
        Duration.ofSeconds(s.number("stuck-after-s", 1, 86_400)));
  }
}
