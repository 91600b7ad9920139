package org.geohazard.api.annual;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/** Writes A4 pages top to bottom: headings, wrapped paragraphs, table rows with links, images; a new page when full. */
final class PdfPages implements AutoCloseable {
  static final float MARGIN = 56;
  static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private final PDDocument document;
  private final PDFont font;
  private PDPage page;
  private PDPageContentStream content;
  private float y;

  PdfPages(PDDocument document, PDFont font) throws IOException {
    this.document = document;
    this.font = font;
    newPage();
  }

  void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = PDRectangle.A4.getHeight() - MARGIN;
  }

  void centered(String text, float size) throws IOException {
    room(size * 2);
    float width = width(text, size);
    write(text, MARGIN + (WIDTH - width) / 2, y - size, size);
    y -= size * 2;
  }

  void heading(String text) throws IOException {
    room(50);
    y -= 8;
    write(text, MARGIN, y - 14, 14);
    y -= 26;
  }

  /** A paragraph wrapped to the page width (Chinese text wraps between any two characters). */
  void paragraph(String text, float size) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      line.append(text.charAt(i));
      if (width(line.toString(), size) > WIDTH) {
        line.setLength(line.length() - 1);
        line(line.toString(), size);
        line.setLength(0);
        line.append(text.charAt(i));
      }
    }
    if (!line.isEmpty()) {
      line(line.toString(), size);
    }
    y -= size * 0.6f;
  }

  /** Whether a table row of this size still fits on the page. */
  boolean fitsRow(float size) {
    return y - size * 1.9f >= MARGIN;
  }

  /** One table row: cells at the given widths (shares of the page width); a link over the whole row when given. */
  void row(List<String> cells, float[] shares, float size, boolean header, String link) throws IOException {
    float height = size * 1.9f;
    room(height);
    float x = MARGIN;
    if (header) {
      content.setNonStrokingColor(0.92f, 0.92f, 0.92f);
      content.addRect(MARGIN, y - height, WIDTH, height);
      content.fill();
      content.setNonStrokingColor(0f, 0f, 0f);
    }
    for (int i = 0; i < cells.size(); i++) {
      float cell = WIDTH * shares[i];
      String text = fit(cells.get(i) == null ? "" : cells.get(i), cell - 6, size);
      write(text, x + 3, y - size * 1.35f, size);
      x += cell;
    }
    content.setStrokingColor(0.75f, 0.75f, 0.75f);
    content.moveTo(MARGIN, y - height);
    content.lineTo(MARGIN + WIDTH, y - height);
    content.stroke();
    if (link != null) {
      PDAnnotationLink annotation = new PDAnnotationLink();
      annotation.setRectangle(new PDRectangle(MARGIN, y - height, WIDTH, height));
      PDBorderStyleDictionary border = new PDBorderStyleDictionary();
      border.setWidth(0);
      annotation.setBorderStyle(border);
      PDActionURI action = new PDActionURI();
      action.setURI(link);
      annotation.setAction(action);
      page.getAnnotations().add(annotation);
    }
    y -= height;
  }

  /** A PNG scaled to the page width (or less, keeping its proportions to fit what is left of a fresh page). */
  void image(byte[] png, String name) throws IOException {
    PDImageXObject image = PDImageXObject.createFromByteArray(document, png, name);
    float width = WIDTH;
    float height = width * image.getHeight() / image.getWidth();
    room(height + 10);
    content.drawImage(image, MARGIN, y - height, width, height);
    y -= height + 14;
  }

  private void line(String text, float size) throws IOException {
    room(size * 1.6f);
    write(text, MARGIN, y - size, size);
    y -= size * 1.6f;
  }

  private void write(String text, float x, float baseline, float size) throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, baseline);
    content.showText(text);
    content.endText();
  }

  private String fit(String text, float width, float size) throws IOException {
    if (width(text, size) <= width) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && width(cut + "…", size) > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  private float width(String text, float size) throws IOException {
    return font.getStringWidth(text) / 1000 * size;
  }

  private void room(float needed) throws IOException {
    if (y - needed < MARGIN) {
      newPage();
    }
  }

  @Override
  public void close() throws IOException {
    content.close();
  }
}
