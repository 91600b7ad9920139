package org.geohazard.alerts.cap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.geohazard.domain.WarningLevel;

/**
 * Writes a public alert's message as an OASIS CAP 1.2 document. The first message of an alert is an Alert, its level
 * changes are Updates, and its end is an Update with responseType AllClear (conditions eased) or a Cancel (closed by a
 * duty officer); every later message references the earlier ones. Drills are status Exercise. The threatened zone is
 * the area (its polygon, or a circle for a radius) and the evacuation plan the instruction.
 */
public final class CapWriter {
  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final String sender;

  /** @param sender the CAP sender: the deployment's identity, without spaces, commas, '&lt;' or '&amp;' */
  /** The alert's CAP messages in order; empty when it is not a public alert. */
  public static List<CapMessage> messages(Connection c, long alertId) throws SQLException {
    return CapRepository.messages(c, alertId);
  }

  public CapWriter(String sender) {
    if (sender.isBlank() || sender.matches(".*[\\s,<&].*")) {
      throw new IllegalArgumentException("the CAP sender must not be empty or contain spaces, commas, < or &");
    }
    this.sender = sender;
  }

  public String identifier(long alertId, long eventId) {
    return "geohazard-alert-" + alertId + "-" + eventId;
  }

  public String write(CapMessage message) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("alert");
      xml.writeDefaultNamespace(NAMESPACE);
      text(xml, "identifier", identifier(message.alertId(), message.eventId()));
      text(xml, "sender", sender);
      text(xml, "sent", CAP_TIME.format(message.sent()));
      text(xml, "status", message.drill() ? "Exercise" : "Actual");
      text(xml, "msgType", msgType(message));
      text(xml, "scope", "Public");
      if (!message.earlier().isEmpty()) {
        List<String> references = new ArrayList<>();
        for (CapMessage.Earlier earlier : message.earlier()) {
          references.add(sender + "," + identifier(message.alertId(), earlier.eventId()) + ","
              + CAP_TIME.format(earlier.sent()));
        }
        text(xml, "references", String.join(" ", references));
      }
      info(xml, message);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("CAP document could not be written", e);
    }
    return out.toString();
  }

  private static String msgType(CapMessage message) {
    return switch (message.eventType()) {
      case "raised" -> "Alert";
      case "resolved" -> "Cancel";
      default -> "Update";
    };
  }

  private void info(XMLStreamWriter xml, CapMessage message) throws XMLStreamException {
    boolean ended = message.eventType().equals("expired") || message.eventType().equals("resolved");
    WarningLevel level = message.level().orElse(WarningLevel.BLUE);
    CapMessage.Point point = message.point();
    xml.writeStartElement("info");
    text(xml, "language", "en");
    text(xml, "category", "Geo");
    text(xml, "event", hazardName(point.hazardType()) + " warning");
    text(xml, "responseType", ended ? "AllClear" : switch (level) {
      case BLUE -> "Monitor";
      case YELLOW, ORANGE -> "Prepare";
      case RED -> "Evacuate";
    });
    text(xml, "urgency", ended ? "Past" : switch (level) {
      case BLUE -> "Future";
      case YELLOW, ORANGE -> "Expected";
      case RED -> "Immediate";
    });
    text(xml, "severity", ended ? "Minor" : switch (level) {
      case BLUE -> "Minor";
      case YELLOW -> "Moderate";
      case ORANGE -> "Severe";
      case RED -> "Extreme";
    });
    text(xml, "certainty", ended ? "Observed" : switch (level) {
      case BLUE, YELLOW -> "Possible";
      case ORANGE, RED -> "Likely";
    });
    eventCode(xml, "warning_level", ended ? "none" : level.key());
    text(xml, "senderName", point.county() + " geological hazard duty room");
    text(xml, "headline", message.manual() ? message.title() : point.name() + ": "
        + (ended ? "warning ended" : level.key().toUpperCase(Locale.ROOT) + " warning"));
    text(xml, "description", ended ? "The warning for " + point.name() + " has ended."
        : level.key().toUpperCase(Locale.ROOT) + " warning (" + meaning(level) + ") for " + point.name() + ", "
            + place(point) + ".");
    String instruction = instruction(point.evacuationPlan(), level, ended);
    if (instruction != null) {
      text(xml, "instruction", instruction);
    }
    JsonObject plan = point.evacuationPlan();
    if (plan != null && plan.getJsonArray("contact_phones") != null) {
      text(xml, "contact", String.join(", ", plan.getJsonArray("contact_phones").stream().map(String::valueOf)
          .toList()));
    }
    area(xml, point);
    xml.writeEndElement();
  }

  private static String instruction(JsonObject plan, WarningLevel level, boolean ended) {
    if (ended) {
      return "Follow the instructions of the village and township officials before returning home.";
    }
    if (plan == null) {
      return null;
    }
    String action = switch (level) {
      case RED -> "Evacuate now.";
      case ORANGE -> "Get ready to evacuate.";
      case YELLOW -> "Prepare and watch for instructions.";
      case BLUE -> "Stay alert.";
    };
    return action + " Signal: " + plan.getString("signal", "-") + ". Route: " + plan.getString("route", "-")
        + ". Assembly point: " + plan.getString("assembly_point", "-") + ".";
  }

  private static void area(XMLStreamWriter xml, CapMessage.Point point) throws XMLStreamException {
    xml.writeStartElement("area");
    text(xml, "areaDesc", "Threatened zone of " + point.name() + ", " + place(point));
    JsonObject zone = point.threatenedZone();
    if (zone != null && "Polygon".equals(zone.getString("type"))) {
      JsonArray ring = zone.getJsonArray("coordinates").getJsonArray(0);
      List<String> pairs = new ArrayList<>();
      for (int i = 0; i < ring.size(); i++) {
        JsonArray position = ring.getJsonArray(i);
        pairs.add(position.getDouble(1) + "," + position.getDouble(0));
      }
      text(xml, "polygon", String.join(" ", pairs));
    } else {
      double radiusKm = zone != null && zone.getValue("radius_m") instanceof Number r ? r.doubleValue() / 1000 : 0.5;
      text(xml, "circle", point.latitude() + "," + point.longitude() + " " + radiusKm);
    }
    xml.writeStartElement("geocode");
    text(xml, "valueName", "hazard_point");
    text(xml, "value", point.code());
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void eventCode(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement("eventCode");
    text(xml, "valueName", name);
    text(xml, "value", value);
    xml.writeEndElement();
  }

  private static String place(CapMessage.Point point) {
    List<String> parts = new ArrayList<>();
    for (String part : new String[] {point.village(), point.township(), point.county()}) {
      if (part != null && !part.isBlank()) {
        parts.add(part);
      }
    }
    return String.join(", ", parts);
  }

  private static String meaning(WarningLevel level) {
    return switch (level) {
      case BLUE -> "watch";
      case YELLOW -> "caution: prepare";
      case ORANGE -> "warning: get ready to evacuate";
      case RED -> "danger: evacuate now";
    };
  }

  private static String hazardName(String type) {
    return switch (type) {
      case "debris_flow" -> "Debris flow";
      case "ground_subsidence" -> "Ground subsidence";
      case "ground_fissure" -> "Ground fissure";
      case "unstable_slope" -> "Unstable slope";
      case "rockfall" -> "Rockfall";
      default -> "Landslide";
    };
  }

  private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }
}
