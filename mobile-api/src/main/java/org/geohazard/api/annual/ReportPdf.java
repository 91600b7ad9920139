package org.geohazard.api.annual;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Writes the report's blocks as an A4 PDF with the Chinese font embedded as a subset and a link on every figure. */
final class ReportPdf {
  private ReportPdf() {
  }

  static byte[] write(List<ReportBlocks> blocks, File fontFile, String title) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(title);
      info.setCreator("geohazard");
      if (fontFile.getName().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
        try (TrueTypeCollection collection = new TrueTypeCollection(fontFile)) {
          List<TrueTypeFont> fonts = new ArrayList<>();
          collection.processAllFonts(fonts::add);
          render(document, PDType0Font.load(document, fonts.get(0), true), blocks);
          document.save(out);
        }
      } else {
        render(document, PDType0Font.load(document, fontFile), blocks);
        document.save(out);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report as PDF with the font " + fontFile, e);
    }
  }

  private static void render(PDDocument document, PDFont font, List<ReportBlocks> blocks) throws IOException {
    try (PdfPages pages = new PdfPages(document, font)) {
      for (ReportBlocks block : blocks) {
        if (block instanceof ReportBlocks.Title t) {
          pages.centered(t.text(), 18);
        } else if (block instanceof ReportBlocks.Heading h) {
          pages.heading(h.text());
        } else if (block instanceof ReportBlocks.Paragraph p) {
          pages.paragraph(p.text(), 10.5f);
        } else if (block instanceof ReportBlocks.Table t) {
          pages.row(t.header(), t.shares(), 10, true, null);
          for (int i = 0; i < t.rows().size(); i++) {
            if (!pages.fitsRow(10)) {
              pages.newPage();
              pages.row(t.header(), t.shares(), 10, true, null);
            }
            pages.row(t.rows().get(i), t.shares(), 10, false, t.links() == null ? null : t.links().get(i));
          }
        } else if (block instanceof ReportBlocks.Picture p) {
          pages.image(p.png(), p.name());
          pages.centered(p.caption(), 10);
        } else {
          pages.newPage();
        }
      }
    }
  }
}
