package org.geohazard.api.cards;

import java.util.Locale;

/** The two cards: a monitor's work card (工作明白卡) and a household's avoidance card (避险明白卡). */
enum CardKind {
  WORK("monitor"), AVOIDANCE("resident");

  private final String holderRole;

  CardKind(String holderRole) {
    this.holderRole = holderRole;
  }

  /** The role a person holds at the point to get this card. */
  String holderRole() {
    return holderRole;
  }

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind the contract named (it accepts no other). */
  static CardKind of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
