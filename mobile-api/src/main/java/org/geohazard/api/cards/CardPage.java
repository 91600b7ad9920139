package org.geohazard.api.cards;

/**
 * A card as a page to print (A5, one card a sheet), with lines for the day it is handed over, who hands it over and
 * the holder's signature. Everything from the registry is escaped.
 */
final class CardPage {
  static final String TYPE = "text/html; charset=utf-8";
  private static final String STYLE = """
      @page { size: A5; margin: 12mm; }
      body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; }
      h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
      h2 { font-size: 11.5pt; margin: 3mm 0 1mm; border-bottom: 1px solid #000; }
      p { margin: 0.6mm 0; }
      .sign { margin-top: 6mm; display: flex; justify-content: space-between; }""";

  private CardPage() {
  }

  static String html(Card card) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(card.title())).append("</title>\n<style>\n").append(STYLE)
        .append("\n</style>\n</head>\n<body>\n<h1>").append(escape(card.title())).append("</h1>\n");
    for (Card.Section section : card.sections()) {
      page.append("<h2>").append(escape(section.heading())).append("</h2>\n");
      section.lines().forEach(line -> page.append("<p>").append(escape(line)).append("</p>\n"));
    }
    return page.append("<div class=\"sign\"><span>发放日期：________</span><span>发放人：________</span>")
        .append("<span>持卡人签字：________</span></div>\n</body>\n</html>\n").toString();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(ch);
      }
    }
    return escaped.toString();
  }
}
