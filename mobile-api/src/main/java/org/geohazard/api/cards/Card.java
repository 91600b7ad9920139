package org.geohazard.api.cards;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A card as the app shows it and a page prints it: a title and sections of labelled lines. */
record Card(String title, List<Section> sections) {
  /** One part of a card: its heading and its lines. */
  record Section(String heading, List<String> lines) {
  }

  /** The card as one text: the title, then each section as 【heading】 and its lines. */
  String text() {
    StringBuilder text = new StringBuilder(title).append('\n');
    for (Section section : sections) {
      text.append('\n').append('【').append(section.heading()).append('】').append('\n');
      section.lines().forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }

  JsonObject json() {
    JsonArray parts = new JsonArray();
    sections.forEach(s -> parts.add(new JsonObject().put("heading", s.heading())
        .put("lines", new JsonArray(List.copyOf(s.lines())))));
    return new JsonObject().put("title", title).put("sections", parts).put("text", text());
  }
}
