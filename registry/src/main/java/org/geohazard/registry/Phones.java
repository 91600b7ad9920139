package org.geohazard.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person is known by a phone number, kept as its digits with an optional leading '+': the form the apps sign in
 * with, the admin API takes (its contract's {@code Phone}) and the residents' CSV and the registry file give, so one
 * number is one person however it was written.
 */
public final class Phones {
  /** 5 to 20 digits, optionally after a '+' (the contract's {@code Phone} pattern). */
  public static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
  /** What the rule says, for messages. */
  public static final String RULE = "phone must be 5 to 20 digits, optionally after a '+'";

  private Phones() {
  }

  /** The number as kept: spaces and dashes between digits dropped; empty when what is left is not a phone. */
  public static Optional<String> normalised(String written) {
    String digits = written.strip().replaceAll("[ -]", "");
    return PHONE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }
}
