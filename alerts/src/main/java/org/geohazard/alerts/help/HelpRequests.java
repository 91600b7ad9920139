package org.geohazard.alerts.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.geohazard.alerts.delivery.HelpNotifier;
import org.geohazard.storage.Database;

/**
 * What a check-in means for help, and taking a call for help on — each in the transaction of the change, with its
 * messages. A need_help check-in opens a request and calls the staff at once; a second one while the request is
 * current updates its note and location (the reminders carry them, and the staff member who took it on is told);
 * safe or evacuated closes the current one.
 */
public final class HelpRequests {
  private final HelpNotifier notifier;

  public HelpRequests(HelpNotifier notifier) {
    this.notifier = notifier;
  }

  /**
   * Call it in the check-in's transaction, after the check-in is written. Returns the request a need_help check-in
   * opened or updated.
   */
  public Optional<Long> checkedIn(Connection c, long alert, long person, String status, String note, Double lat,
      Double lon, Long recordedBy) throws SQLException {
    if (!status.equals("need_help")) {
      HelpRequestRepository.closeOnCheckIn(c, alert, person, status);
      return Optional.empty();
    }
    HelpRequestRepository.Asked asked = HelpRequestRepository.ask(c, alert, person, note, lat, lon, recordedBy);
    HelpRequest request = HelpRequestRepository.find(c, asked.id()).orElseThrow();
    if (asked.isNew()) {
      notifier.requested(c, request);
    } else if (request.takenBy() != null) {
      notifier.updated(c, request);
    }
    return Optional.of(asked.id());
  }

  /** The call for help with that id. */
  public Optional<HelpRequest> find(Connection c, long id) throws SQLException {
    return HelpRequestRepository.find(c, id);
  }

  /** The name of a person (who took a call on), if the person exists. */
  public Optional<String> personName(Connection c, long person) throws SQLException {
    return HelpRequestRepository.person(c, person).map(HelpRequestRepository.Person::name);
  }

  /** What became of an attempt to take a request on. */
  public enum Taking { TAKEN, ALREADY_TAKEN, CLOSED, NOT_FOUND }

  /** A staff member takes the request on: reminders stop, and the resident is told who is coming. */
  public Taking takeOn(Connection connection, long id, long staff) throws SQLException {
    return Database.inTransaction(connection, c -> {
      if (!HelpRequestRepository.take(c, id, staff)) {
        return HelpRequestRepository.find(c, id).map(r -> r.state().equals("taken") ? Taking.ALREADY_TAKEN
            : Taking.CLOSED).orElse(Taking.NOT_FOUND);
      }
      HelpRequest request = HelpRequestRepository.find(c, id).orElseThrow();
      HelpRequestRepository.Person taker = HelpRequestRepository.person(c, staff).orElseThrow();
      notifier.taken(c, request, taker.name(), taker.phone());
      return Taking.TAKEN;
    });
  }
}
