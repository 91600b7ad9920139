package org.geohazard.registry;

/** A registry file that cannot be imported; the message names the entry and what is wrong with it. */
public final class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
