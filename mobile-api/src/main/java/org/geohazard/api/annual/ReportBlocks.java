package org.geohazard.api.annual;

import java.util.List;

/** The report as a sequence of blocks, laid out once and written by each format's renderer. */
sealed interface ReportBlocks {
  /** The document's title. */
  record Title(String text) implements ReportBlocks {
  }

  /** A section's heading. */
  record Heading(String text) implements ReportBlocks {
  }

  /** Running text. */
  record Paragraph(String text) implements ReportBlocks {
  }

  /** A table: its header, its rows, the share of the width of each column, and a link per row (or null). */
  record Table(List<String> header, List<List<String>> rows, float[] shares, List<String> links)
      implements ReportBlocks {
  }

  /** A picture (PNG) with its caption. */
  record Picture(byte[] png, String name, String caption) implements ReportBlocks {
  }

  /** Starts a new page. */
  record PageBreak() implements ReportBlocks {
  }
}
