package org.geohazard.alerts.delivery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geohazard.alerts.Recipients;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.help.HelpRequest;

/**
 * Calls for help as outbox rows (push; SMS too when that channel is on), written in the transaction of the change
 * that causes them. A call goes to the duty officers on shift (everyone holding the role in the county when nobody
 * is rostered) and to the point's monitors and responsible persons — with nobody of those, to the county's leaders
 * and the administrators, so a call is never sent to no one. Reminders go to the same people, and to the leader on
 * duty once escalated; the person asking is never among the recipients.
 */
public final class HelpNotifier {
  private static final List<String> STAFF = List.of("duty_officer", "monitor", "responsible_person");
  private static final String INSERT = """
      INSERT INTO outbox (help_request_id, person_id, channel, purpose, payload, drill)
      SELECT ?, person, ?, ?, ?::jsonb, ? FROM unnest(?::bigint[]) AS person""";

  private final DeliveryConfig config;

  public HelpNotifier(DeliveryConfig config) {
    this.config = config;
  }

  /** A new call for help; returns the rows written. */
  public int requested(Connection c, HelpRequest request) throws SQLException {
    return write(c, request, "help", HelpMessages.toStaff(request, "help_request"), staff(c, request));
  }

  /** Nobody has taken it on yet: the same people again (and the leader on duty once escalated). */
  public int reminder(Connection c, HelpRequest request, boolean escalated) throws SQLException {
    Set<Long> people = new LinkedHashSet<>(staff(c, request));
    if (escalated) {
      people.addAll(Recipients.leaders(c, request.point()));
    }
    people.remove(Long.valueOf(request.personId()));
    return write(c, request, "help_reminder", HelpMessages.toStaff(request, "help_reminder"),
        new ArrayList<>(people));
  }

  /** Nobody took it on in time: the leader on duty. */
  public int escalation(Connection c, HelpRequest request) throws SQLException {
    List<Long> leaders = new ArrayList<>(Recipients.leaders(c, request.point()));
    leaders.remove(Long.valueOf(request.personId()));
    if (leaders.isEmpty()) {
      leaders = Recipients.nextTier(c, request.point());
    }
    return write(c, request, "help_escalation", HelpMessages.toStaff(request, "help_escalation"), leaders);
  }

  /** The resident asked again after a staff member took the request on: the note and location as they are now. */
  public int updated(Connection c, HelpRequest request) throws SQLException {
    return write(c, request, "help", HelpMessages.toStaff(request, "help_update"), List.of(request.takenBy()));
  }

  /** To the resident: a staff member took the request on. */
  public int taken(Connection c, HelpRequest request, String takerName, String takerPhone) throws SQLException {
    return write(c, request, "help_taken", HelpMessages.taken(request, takerName, takerPhone),
        List.of(request.personId()));
  }

  private static List<Long> staff(Connection c, HelpRequest request) throws SQLException {
    List<Long> people = new ArrayList<>(Recipients.people(c, request.point(), STAFF));
    people.remove(Long.valueOf(request.personId()));
    if (people.isEmpty()) {
      people = new ArrayList<>(Recipients.nextTier(c, request.point()));
      people.remove(Long.valueOf(request.personId()));
    }
    return people;
  }

  private int write(Connection c, HelpRequest request, String purpose, JsonObject payload, List<Long> people)
      throws SQLException {
    if (people.isEmpty()) {
      return 0;
    }
    int rows = insert(c, request, "push", purpose, payload, people);
    if (config.smsEnabled()) {
      rows += insert(c, request, "sms", purpose, payload, people);
    }
    return rows;
  }

  private static int insert(Connection c, HelpRequest request, String channel, String purpose, JsonObject payload,
      List<Long> people) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setLong(1, request.id());
      s.setString(2, channel);
      s.setString(3, purpose);
      s.setString(4, payload.encode());
      s.setBoolean(5, request.drill());
      s.setArray(6, c.createArrayOf("bigint", people.toArray()));
      return s.executeUpdate();
    }
  }
}
