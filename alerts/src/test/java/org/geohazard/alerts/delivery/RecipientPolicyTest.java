package org.geohazard.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geohazard.alerts.RecipientPolicy;
import org.geohazard.domain.WarningLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who is told at each level by default: each level tells everyone the one below told, and red sounds the sirens. */
@Tag("unit")
class RecipientPolicyTest {
  @Test
  void eachLevelWidensTheCircleAndOnlyRedSoundsTheSirens() {
    assertEquals(List.of("duty_officer", "monitor"), RecipientPolicy.defaultFor(WarningLevel.BLUE).roles());
    assertTrue(RecipientPolicy.defaultFor(WarningLevel.YELLOW).roles().contains("responsible_person"));
    assertTrue(RecipientPolicy.defaultFor(WarningLevel.ORANGE).roles().containsAll(List.of("leader", "resident")),
        "residents hear from orange: they must be able to move before red");
    WarningLevel below = null;
    for (WarningLevel level : WarningLevel.values()) {
      RecipientPolicy policy = RecipientPolicy.defaultFor(level);
      if (below != null) {
        assertTrue(policy.roles().containsAll(RecipientPolicy.defaultFor(below).roles()), level + " ⊇ " + below);
      }
      assertEquals(level == WarningLevel.RED, policy.sirens(), level + ": sirens");
      below = level;
    }
  }
}
