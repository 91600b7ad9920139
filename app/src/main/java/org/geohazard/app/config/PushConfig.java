package org.geohazard.app.config;

/** Firebase Cloud Messaging for the apps; without a key file the app channel only records what it would send. */
public record PushConfig(String credentialsFile, String projectId, String endpoint, boolean iosCriticalAlerts) {

  static PushConfig from(Section s) {
    PushConfig config = new PushConfig(s.text("credentials-file"), s.text("project-id"), s.text("endpoint"),
        s.flag("ios-critical-alerts"));
    if (config.enabled() && config.projectId().isEmpty()) {
      throw new ConfigException(s.path("project-id") + " is required with " + s.path("credentials-file"));
    }
    if (!config.endpoint().isEmpty() && !config.endpoint().matches("https?://[^/]+(:\\d+)?/?")) {
      throw new ConfigException(s.path("endpoint") + " must read like https://host[:port]; got '"
          + config.endpoint() + "'");
    }
    return config;
  }

  public boolean enabled() {
    return !credentialsFile.isEmpty();
  }
}
