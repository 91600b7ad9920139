package org.geohazard.api.annual;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The font with Chinese glyphs the report is written in: the file {@code api.report-font} names, else the first of the
 * usual Debian CJK fonts that is installed (the image installs {@code fonts-wqy-microhei}). TrueType fonts and
 * collections only: they are embedded in the PDF as subsets.
 */
final class ReportFont {
  private static final List<String> KNOWN = List.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc");

  private ReportFont() {
  }

  /** The font file: the one configured (checked with the configuration), or the first known one installed. */
  static Optional<File> find(Path configured) {
    if (configured != null) {
      return Optional.of(configured.toFile());
    }
    return KNOWN.stream().map(File::new).filter(File::isFile).findFirst();
  }

  /** What to tell an operator when {@link #find} is empty. */
  static String missing() {
    return "no font with Chinese glyphs installed: install fonts-wqy-microhei, or name a TrueType font in"
        + " api.report-font (GEOHAZARD_API_REPORT_FONT)";
  }
}
