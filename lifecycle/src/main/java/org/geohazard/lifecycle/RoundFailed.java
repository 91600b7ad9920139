package org.geohazard.lifecycle;

/**
 * A round that failed, said in the words of the work: what was not done and what becomes of it (for example "[point:
 * P12] evaluation failed; it is tried again"). The worker logs the message with the cause's.
 */
public final class RoundFailed extends Exception {
  private static final long serialVersionUID = 1L;

  public RoundFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
