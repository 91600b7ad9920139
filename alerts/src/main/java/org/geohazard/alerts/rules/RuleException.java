package org.geohazard.alerts.rules;

/** A rule definition that cannot be used; the message names the point, the rule and the field. */
public final class RuleException extends IllegalArgumentException {
  public RuleException(String message) {
    super(message);
  }
}
