package org.geohazard.api.annual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the report's blocks as a Word document (WordprocessingML, .docx) a bureau edits and pastes into its own:
 * headings, paragraphs, tables whose figures link to their rows, and the charts as pictures. Written directly: the
 * few parts it needs are smaller than a library.
 */
final class ReportDocx {
  private static final String NS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
      + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
      + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
      + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
      + " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
  private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  /** A page's text width, 6 inches, in EMU. */
  private static final long TEXT_WIDTH_EMU = 5_486_400L;
  /** An A4 page's text width between margins of one inch, in twentieths of a point. */
  private static final int TEXT_WIDTH_TWIPS = 9_026;

  private ReportDocx() {
  }

  static byte[] write(List<ReportBlocks> blocks) {
    StringBuilder body = new StringBuilder();
    StringBuilder rels = new StringBuilder();
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      int ids = 0;
      for (ReportBlocks block : blocks) {
        if (block instanceof ReportBlocks.Title t) {
          body.append(paragraph(t.text(), 36, true, "center"));
        } else if (block instanceof ReportBlocks.Heading h) {
          body.append(paragraph(h.text(), 28, true, null));
        } else if (block instanceof ReportBlocks.Paragraph p) {
          body.append(paragraph(p.text(), 24, false, null));
        } else if (block instanceof ReportBlocks.Table t) {
          body.append("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
          for (String side : List.of("top", "left", "bottom", "right", "insideH", "insideV")) {
            body.append("<w:").append(side).append(" w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/>");
          }
          body.append("</w:tblBorders></w:tblPr><w:tblGrid>");
          for (float share : t.shares()) {
            body.append("<w:gridCol w:w=\"").append(Math.round(TEXT_WIDTH_TWIPS * share)).append("\"/>");
          }
          body.append("</w:tblGrid>");
          body.append(row(t.header(), true, null));
          for (int i = 0; i < t.rows().size(); i++) {
            String link = null;
            if (t.links() != null) {
              link = "rId" + ++ids;
              rels.append("<Relationship Id=\"").append(link).append("\" Type=\"").append(REL)
                  .append("hyperlink\" Target=\"").append(escape(t.links().get(i))).append("\" TargetMode=\"External\"/>");
            }
            body.append(row(t.rows().get(i), false, link));
          }
          body.append("</w:tbl>").append(paragraph("", 12, false, null));
        } else if (block instanceof ReportBlocks.Picture p) {
          String id = "rId" + ++ids;
          String media = "media/" + p.name() + ".png";
          rels.append("<Relationship Id=\"").append(id).append("\" Type=\"").append(REL).append("image\" Target=\"")
              .append(media).append("\"/>");
          entry(zip, "word/" + media, p.png());
          body.append(picture(id, ids, p));
          body.append(paragraph(p.caption(), 21, false, "center"));
        } else {
          body.append("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        }
      }
      entry(zip, "[Content_Types].xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Default Extension=\"png\" ContentType=\"image/png\"/>"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
          + "wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
      entry(zip, "_rels/.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"" + REL + "officeDocument\" Target=\"word/document.xml\"/>"
          + "</Relationships>").getBytes(StandardCharsets.UTF_8));
      entry(zip, "word/_rels/document.xml.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels
          + "</Relationships>").getBytes(StandardCharsets.UTF_8));
      entry(zip, "word/document.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
          + NS + "><w:body>" + body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\""
          + " w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
          + "</w:sectPr></w:body></w:document>").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zipped.toByteArray();
  }

  private static String paragraph(String text, int halfPoints, boolean bold, String align) {
    return "<w:p>" + (align == null ? "" : "<w:pPr><w:jc w:val=\"" + align + "\"/></w:pPr>")
        + run(text, halfPoints, bold) + "</w:p>";
  }

  private static String run(String text, int halfPoints, boolean bold) {
    return "<w:r><w:rPr><w:rFonts w:ascii=\"SimSun\" w:hAnsi=\"SimSun\" w:eastAsia=\"宋体\"/>" + (bold ? "<w:b/>" : "")
        + "<w:sz w:val=\"" + halfPoints + "\"/></w:rPr><w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
  }

  /** A row; in a linked row the value (second cell) links to the figure's rows. */
  private static String row(List<String> cells, boolean header, String link) {
    StringBuilder row = new StringBuilder("<w:tr>");
    for (int i = 0; i < cells.size(); i++) {
      String text = cells.get(i) == null ? "" : cells.get(i);
      String content = run(text, 21, header);
      if (link != null && i == 1) {
        content = "<w:hyperlink r:id=\"" + link + "\">" + content.replace("<w:rPr>",
            "<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>") + "</w:hyperlink>";
      }
      row.append("<w:tc><w:p>").append(content).append("</w:p></w:tc>");
    }
    return row.append("</w:tr>").toString();
  }

  private static String picture(String rel, int id, ReportBlocks.Picture p) {
    int[] size = pngSize(p.png());
    long height = TEXT_WIDTH_EMU * size[1] / size[0];
    String extent = "cx=\"" + TEXT_WIDTH_EMU + "\" cy=\"" + height + "\"";
    return "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent " + extent + "/>"
        + "<wp:docPr id=\"" + id + "\" name=\"" + p.name() + "\"/><a:graphic><a:graphicData"
        + " uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\""
        + id + "\" name=\"" + p.name() + ".png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\""
        + rel + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
        + "<a:ext " + extent + "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
        + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
  }

  /** Width and height from a PNG's header. */
  private static int[] pngSize(byte[] png) {
    return new int[] {readInt(png, 16), readInt(png, 20)};
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
