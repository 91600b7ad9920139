package org.geohazard.registry.zones;

/** A threatened zone or a polygon that cannot be used; the message is written for the client that sent it. */
public final class ZoneException extends IllegalArgumentException {
  public ZoneException(String message) {
    super(message);
  }
}
