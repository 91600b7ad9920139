package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;

/** Sends a command to a device (the gateway publishes it on the device's cmd topic at QoS 1). */
@FunctionalInterface
public interface CommandPublisher {
  void publish(String deviceId, JsonObject command) throws Exception;
}
