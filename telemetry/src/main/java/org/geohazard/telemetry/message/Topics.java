package org.geohazard.telemetry.message;

import java.util.Optional;

/** The topics of device contract v1 under a configurable prefix (default {@code geohazard/v1}). */
public final class Topics {
  /** What a device publishes on. */
  public enum Kind {
    TELEMETRY("telemetry"), STATUS("status"), COMMAND_ACK("cmd/ack");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  /** A device topic split into its parts. */
  public record DeviceTopic(String deviceId, Kind kind) {
  }

  private final String prefix;

  public Topics(String prefix) {
    this.prefix = prefix;
  }

  /** The subscription filter for one kind, shared among gateways when a group is given. */
  public String filter(Kind kind, String sharedGroup) {
    String filter = prefix + "/+/" + kind.suffix();
    return sharedGroup.isEmpty() ? filter : "$share/" + sharedGroup + "/" + filter;
  }

  public String telemetry(String deviceId) {
    return prefix + "/" + deviceId + "/" + Kind.TELEMETRY.suffix();
  }

  public String status(String deviceId) {
    return prefix + "/" + deviceId + "/" + Kind.STATUS.suffix();
  }

  public String command(String deviceId) {
    return prefix + "/" + deviceId + "/cmd";
  }

  public Optional<DeviceTopic> parse(String topic) {
    if (!topic.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String rest = topic.substring(prefix.length() + 1);
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String deviceId = rest.substring(0, slash);
    String suffix = rest.substring(slash + 1);
    for (Kind kind : Kind.values()) {
      if (kind.suffix().equals(suffix)) {
        return Optional.of(new DeviceTopic(deviceId, kind));
      }
    }
    return Optional.empty();
  }
}
