package org.geohazard.alerts;

import java.util.List;
import org.geohazard.domain.WarningLevel;

/**
 * Who is told at a level: the roles, and whether the point's sirens sound. The defaults follow the domain's practice;
 * administrators can change them per point and level (table recipient_policy).
 */
public record RecipientPolicy(List<String> roles, boolean sirens) {

  public static RecipientPolicy defaultFor(WarningLevel level) {
    return switch (level) {
      case BLUE -> new RecipientPolicy(List.of("duty_officer", "monitor"), false);
      case YELLOW -> new RecipientPolicy(List.of("duty_officer", "monitor", "responsible_person"), false);
      case ORANGE -> new RecipientPolicy(
          List.of("duty_officer", "monitor", "responsible_person", "leader", "resident"), false);
      case RED -> new RecipientPolicy(
          List.of("duty_officer", "monitor", "responsible_person", "leader", "resident"), true);
    };
  }
}
