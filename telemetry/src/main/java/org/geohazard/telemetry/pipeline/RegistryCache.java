package org.geohazard.telemetry.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.geohazard.registry.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device registry as the writer sees it: re-read periodically, and early when a message names a device it does
 * not know (at most every few seconds, so a device that is really unknown costs no extra query per message).
 */
final class RegistryCache {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCache.class);
  private static final long UNKNOWN_RELOAD_NANOS = 5_000_000_000L;

  private final long refreshNanos;
  private DeviceDirectory directory;
  private long loadedAt;

  RegistryCache(java.time.Duration refresh) {
    this.refreshNanos = refresh.toNanos();
  }

  <T> DeviceDirectory current(Connection connection, List<T> messages, Predicate<T> unknownIn) throws SQLException {
    long now = System.nanoTime();
    boolean stale = directory == null || now - loadedAt > refreshNanos;
    boolean unknown = !stale && now - loadedAt > UNKNOWN_RELOAD_NANOS
        && messages.stream().anyMatch(unknownIn);
    if (stale || unknown) {
      directory = DeviceDirectory.load(connection);
      loadedAt = now;
      LOG.debug("Registry loaded: {} devices", directory.size());
    }
    return directory;
  }

  DeviceDirectory lastLoaded() {
    return directory;
  }
}
