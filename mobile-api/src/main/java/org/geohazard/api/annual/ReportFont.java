package org.geohazard.api.annual;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The font with Chinese glyphs the report is written in: the file {@code GEOHAZARD_REPORT_FONT} names, else the first
 * of the usual Debian CJK fonts that is installed (the image installs {@code fonts-wqy-microhei}). TrueType fonts and
 * collections only: they are embedded in the PDF as subsets.
 */
final class ReportFont {
  static final String ENV = "GEOHAZARD_REPORT_FONT";
  private static final List<String> KNOWN = List.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc");

  private ReportFont() {
  }

  /** The font file, or empty when none is installed (or the one named does not exist). */
  static Optional<File> find() {
    String named = System.getenv(ENV);
    Stream<String> candidates = named == null || named.isBlank() ? KNOWN.stream() : Stream.of(named);
    return candidates.map(File::new).filter(File::isFile).findFirst();
  }

  /** What to tell an operator when {@link #find()} is empty. */
  static String missing() {
    String named = System.getenv(ENV);
    return named == null || named.isBlank()
        ? "no font with Chinese glyphs installed: install fonts-wqy-microhei, or name a TrueType font in " + ENV
        : ENV + " names " + named + ", which is not a file";
  }
}
