package org.geohazard.alerts.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.geohazard.alerts.config.DeliveryConfig;
import org.geohazard.alerts.delivery.Notifier;
import org.geohazard.alerts.engine.PointEvaluator;
import org.geohazard.alerts.testing.RainFixture;
import org.geohazard.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Every message of a public alert is a CAP 1.2 document that the CAP schema accepts, and says the right things. */
@Tag("unit")
@Timeout(60)
class CapDocumentTest {
  private static final String POINT = RainFixture.POINT;

  private Vertx vertx;
  private Database database;
  private Schema schema;
  private final CapWriter writer = new CapWriter("qingshan.geohazard.example");

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    database = RainFixture.database(vertx);
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    schema = factory.newSchema(new StreamSource(getClass().getResourceAsStream("/cap/CAP-v1.2.xsd")));
  }

  @AfterEach
  void stop() {
    database.close();
    vertx.close().await();
  }

  @Test
  void aStormsWarningIsAnAlertThenUpdatesThenAnAllClear() throws Exception {
    long alertId = storm();
    List<CapMessage> messages;
    try (Connection c = database.dataSource().getConnection()) {
      messages = CapRepository.messages(c, alertId);
    }
    List<Document> documents = new ArrayList<>();
    for (CapMessage message : messages) {
      String xml = writer.write(message);
      schema.newValidator().validate(new StreamSource(new StringReader(xml)));
      documents.add(parse(xml));
    }

    // blue, yellow, red, then down through orange, yellow and blue to the end
    assertEquals(List.of("Alert", "Update", "Update", "Update", "Update", "Update", "Update"),
        text(documents, "msgType"));
    assertEquals(List.of("Monitor", "Prepare", "Evacuate", "Prepare", "Prepare", "Monitor", "AllClear"),
        text(documents, "responseType"));
    assertEquals(List.of("Minor", "Moderate", "Extreme", "Severe", "Moderate", "Minor", "Minor"),
        text(documents, "severity"));
    assertEquals(List.of("Future", "Expected", "Immediate", "Expected", "Expected", "Future", "Past"),
        text(documents, "urgency"));
    assertTrue(text(documents, "status").stream().allMatch("Actual"::equals));
    assertTrue(text(documents, "category").stream().allMatch("Geo"::equals));
    Document red = documents.get(2);
    assertEquals(2, first(red, "references").split(" ").length, "an update references every earlier message");
    assertTrue(first(red, "references").startsWith("qingshan.geohazard.example,geohazard-alert-" + alertId + "-"));
    assertEquals("30.6,104.1 0.25", first(red, "circle"));
    assertTrue(first(red, "instruction").contains("Evacuate now."));
    assertTrue(first(red, "instruction").contains("primary school playground"));
    assertEquals("13800000001", first(red, "contact"));
    assertEquals("Test slope: RED warning", first(red, "headline"));
  }

  @Test
  void drillsAreExercisesAndAClosedAlertIsACancel() throws Exception {
    long alertId = storm();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("UPDATE alert SET drill = true WHERE id = " + alertId);
      s.execute("UPDATE alert_event SET type = 'resolved' WHERE type = 'expired'");
    }
    List<CapMessage> messages;
    try (Connection c = database.dataSource().getConnection()) {
      messages = CapRepository.messages(c, alertId);
    }
    String last = writer.write(messages.get(messages.size() - 1));
    schema.newValidator().validate(new StreamSource(new StringReader(last)));

    assertEquals("Exercise", first(parse(last), "status"));
    assertEquals("Cancel", first(parse(last), "msgType"));
  }

  @Test
  void theSchemaRefusesWhatCapForbids() {
    String bad = writer.write(new CapMessage(1, 2, "raised", java.time.Instant.now(), java.util.Optional.empty(),
        false, "t", false, null, new CapMessage.Point("P", "n", "landslide", 1, 2, "c", null, null, null, null), List.of()))
        .replace("<status>Actual</status>", "<status>Maybe</status>");
    assertThrows(SAXException.class, () -> schema.newValidator().validate(new StreamSource(new StringReader(bad))));
    assertThrows(IllegalArgumentException.class, () -> new CapWriter("has space"));
  }

  private long storm() throws Exception {
    PointEvaluator evaluator = new PointEvaluator(7_200_000L, new Notifier(DeliveryConfig.DEFAULTS));
    long start = System.currentTimeMillis() - 6 * 3_600_000L;
    double[] rain = {10, 5, 10, 0, 0, 0, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < rain.length; i++) {
      RainFixture.rain(database, start + i * 600_000L, rain[i]);
      if (i < 3 || i >= 11) {
        try (Connection c = database.dataSource().getConnection()) {
          evaluator.evaluate(c, POINT);
        }
      }
    }
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        var r = s.executeQuery("SELECT max(id) FROM alert")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static String first(Document document, String element) {
    return document.getElementsByTagNameNS(CapWriter.NAMESPACE, element).item(0).getTextContent();
  }

  private static List<String> text(List<Document> documents, String element) {
    return documents.stream().map(d -> first(d, element)).toList();
  }
}
