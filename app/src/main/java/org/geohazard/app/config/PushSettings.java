package org.geohazard.app.config;

import org.geohazard.alerts.config.PushConfig;

/** The {@code push} section: Firebase Cloud Messaging for the apps. */
final class PushSettings {
  private PushSettings() {
  }

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
}
