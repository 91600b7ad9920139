package org.geohazard.alerts.config;

/** Firebase Cloud Messaging for the apps; without a key file the app channel only records what it would send. */
public record PushConfig(String credentialsFile, String projectId, String endpoint, boolean iosCriticalAlerts) {

  public boolean enabled() {
    return !credentialsFile.isEmpty();
  }
}
