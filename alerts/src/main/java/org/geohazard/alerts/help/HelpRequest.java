package org.geohazard.alerts.help;

import java.time.Instant;

/**
 * A resident's call for help during an alert, with what the people who go need: who, their phone, their note and
 * location when given, and whether somebody has taken it on.
 *
 * @param recordedBy the staff member who recorded it for a villager reached by phone or at the door; null when the
 *     resident asked through the app
 */
public record HelpRequest(long id, long alertId, String point, String pointName, boolean drill, long personId,
    String name, String phone, String note, Double latitude, Double longitude, Instant askedAt, Long recordedBy,
    String state, Long takenBy, Instant takenAt, int reminders, Instant lastRemindedAt, Instant escalatedAt) {

  /** Nobody has taken it on yet. */
  public boolean open() {
    return state.equals("open");
  }
}
