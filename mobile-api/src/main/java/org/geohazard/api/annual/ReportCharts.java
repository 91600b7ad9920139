package org.geohazard.api.annual;

import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The report's charts and map as PNG images, drawn with Java2D in the report's font: warnings per month against
 * the mean rainfall, the coverage of the year's surveys, and the county's points by the highest level each reached.
 */
final class ReportCharts {
  static final int WIDTH = 1400;
  static final int HEIGHT = 700;
  static final Map<String, Color> LEVELS = Map.of("red", new Color(0xD7, 0x26, 0x1E), "orange",
      new Color(0xF2, 0x8C, 0x28), "yellow", new Color(0xF2, 0xC9, 0x1E), "blue", new Color(0x1F, 0x5F, 0xBF));
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  private static final Color BAR = new Color(0xC0, 0x39, 0x2B);
  private static final Color RAIN = new Color(0x29, 0x80, 0xB9);
  private static final Map<String, String> KINDS = Map.of("pre_flood", "汛前排查", "in_season", "汛中巡查",
      "post_flood", "汛后核查", "after_storm", "雨后排查");

  private final Font font;

  ReportCharts(File fontFile) {
    try {
      this.font = Font.createFonts(fontFile)[0];
    } catch (FontFormatException | IOException e) {
      throw new IllegalStateException("cannot read the report font " + fontFile + ": " + e.getMessage(), e);
    }
  }

  /** Bars of warnings per month, and the mean rainfall per month as a line on its own scale. */
  byte[] warningsAndRainfall(long[] warnings, double[] rainfall) {
    BufferedImage image = canvas();
    Graphics2D g = graphics(image);
    title(g, "月度预警次数与平均降雨量");
    int left = 120;
    int right = WIDTH - 120;
    int top = 110;
    int bottom = HEIGHT - 90;
    long maxWarnings = Math.max(1, max(warnings));
    double maxRain = Math.max(1, max(rainfall));
    axes(g, left, right, top, bottom);
    double slot = (right - left) / 12.0;
    int[] xs = new int[12];
    int[] ys = new int[12];
    for (int m = 0; m < 12; m++) {
      int x = (int) (left + slot * m);
      int h = (int) ((bottom - top) * warnings[m] / (double) maxWarnings);
      g.setColor(BAR);
      g.fillRect(x + (int) (slot * 0.2), bottom - h, (int) (slot * 0.6), h);
      g.setColor(INK);
      if (warnings[m] > 0) {
        text(g, String.valueOf(warnings[m]), x + (int) (slot / 2), bottom - h - 8, 22);
      }
      text(g, (m + 1) + "月", x + (int) (slot / 2), bottom + 34, 22);
      xs[m] = x + (int) (slot / 2);
      ys[m] = bottom - (int) ((bottom - top) * rainfall[m] / maxRain);
    }
    g.setColor(RAIN);
    g.setStroke(new BasicStroke(4));
    g.drawPolyline(xs, ys, 12);
    for (int m = 0; m < 12; m++) {
      g.fillOval(xs[m] - 6, ys[m] - 6, 12, 12);
    }
    g.setColor(INK);
    g.setFont(font.deriveFont(22f));
    g.drawString("预警（次）0–" + maxWarnings, 20, top - 20);
    g.setColor(RAIN);
    g.drawString("降雨（毫米）0–" + Math.round(maxRain), right - 200, top - 20);
    legend(g, List.of("预警次数", "平均降雨量"), List.of(BAR, RAIN), left, HEIGHT - 12);
    return png(image, g);
  }

  /** One bar per campaign kind: the share of its targets inspected, and the findings. */
  byte[] surveyCoverage(List<JsonObject> coverage) {
    int top = 120;
    int row = 110;
    BufferedImage image = new BufferedImage(WIDTH, top + Math.max(1, coverage.size()) * row + 20,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    title(g, "排查覆盖情况");
    int left = 220;
    int right = WIDTH - 420;
    if (coverage.isEmpty()) {
      text(g, "本年度无排查任务", WIDTH / 2, top + 50, 30);
      return png(image, g);
    }
    for (int i = 0; i < coverage.size(); i++) {
      JsonObject c = coverage.get(i);
      long targets = c.getLong("targets");
      long done = c.getLong("done");
      int y = top + i * row;
      g.setColor(GRID);
      g.fillRect(left, y, right - left, row / 2);
      g.setColor(BAR);
      g.fillRect(left, y, (int) ((right - left) * (targets == 0 ? 0 : done / (double) targets)), row / 2);
      g.setColor(INK);
      g.setFont(font.deriveFont(26f));
      g.drawString(KINDS.getOrDefault(c.getString("kind"), c.getString("kind")), 30, y + row / 2 - 12);
      g.drawString(done + "/" + targets + "（发现隐患 " + c.getLong("findings") + "）", right + 16, y + row / 2 - 12);
    }
    return png(image, g);
  }

  /** The county's points on their coordinates, coloured by the highest level each reached in the year. */
  byte[] pointMap(List<JsonObject> points) {
    BufferedImage image = new BufferedImage(WIDTH, WIDTH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    title(g, "隐患点分布及年度最高预警等级");
    int pad = 120;
    double minLat = points.stream().mapToDouble(p -> p.getDouble("latitude")).min().orElse(0) - 0.005;
    double maxLat = points.stream().mapToDouble(p -> p.getDouble("latitude")).max().orElse(0) + 0.005;
    double minLon = points.stream().mapToDouble(p -> p.getDouble("longitude")).min().orElse(0) - 0.005;
    double maxLon = points.stream().mapToDouble(p -> p.getDouble("longitude")).max().orElse(0) + 0.005;
    double span = Math.max(maxLat - minLat, (maxLon - minLon) * Math.cos(Math.toRadians((minLat + maxLat) / 2)));
    double scale = (WIDTH - 2 * pad) / span;
    double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    g.setColor(GRID);
    g.drawRect(pad, pad, WIDTH - 2 * pad, WIDTH - 2 * pad);
    g.setColor(INK);
    g.setFont(font.deriveFont(20f));
    g.drawString(String.format("北纬 %.3f–%.3f，东经 %.3f–%.3f", minLat, maxLat, minLon, maxLon), pad, WIDTH - pad + 40);
    for (JsonObject p : points) {
      int x = pad + (int) ((p.getDouble("longitude") - minLon) * cos * scale);
      int y = WIDTH - pad - (int) ((p.getDouble("latitude") - minLat) * scale);
      String level = p.getString("peak_level");
      Color color = level == null ? Color.GRAY : LEVELS.getOrDefault(level, Color.GRAY);
      g.setColor(color);
      if ("delisted".equals(p.getString("status"))) {
        g.setStroke(new BasicStroke(3));
        g.drawOval(x - 12, y - 12, 24, 24);
      } else {
        g.fillOval(x - 12, y - 12, 24, 24);
      }
      g.setColor(INK);
      g.setFont(font.deriveFont(20f));
      g.drawString(p.getString("name"), x + 16, y + 7);
    }
    scaleBar(g, scale / 111.32, WIDTH - pad - 20, WIDTH - pad - 30);
    legend(g, List.of("红色", "橙色", "黄色", "蓝色", "无预警", "空心：已销号"), List.of(LEVELS.get("red"),
        LEVELS.get("orange"), LEVELS.get("yellow"), LEVELS.get("blue"), Color.GRAY, Color.WHITE), pad, WIDTH - 40);
    return png(image, g);
  }

  /** A bar of a round length (about a fifth of the map) ending at (right, y), and a north arrow above it. */
  private void scaleBar(Graphics2D g, double pixelsPerKm, int right, int y) {
    double km = 1;
    for (double candidate : new double[] {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}) {
      if (candidate * pixelsPerKm <= (WIDTH - 240) / 5.0) {
        km = candidate;
      }
    }
    int length = (int) (km * pixelsPerKm);
    g.setColor(INK);
    g.setStroke(new BasicStroke(3));
    g.drawLine(right - length, y, right, y);
    g.drawLine(right - length, y - 8, right - length, y);
    g.drawLine(right, y - 8, right, y);
    g.setFont(font.deriveFont(20f));
    String label = (km < 1 ? String.valueOf(km) : String.valueOf((long) km)) + " 公里";
    g.drawString(label, right - length / 2 - g.getFontMetrics().stringWidth(label) / 2, y - 14);
    g.fillPolygon(new int[] {right - 10, right, right + 10}, new int[] {y - 60, y - 90, y - 60}, 3);
    text(g, "北", right, y - 96, 22);
  }

  private BufferedImage canvas() {
    return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
  }

  private Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  private void title(Graphics2D g, String title) {
    g.setColor(INK);
    text(g, title, WIDTH / 2, 60, 36);
  }

  private void axes(Graphics2D g, int left, int right, int top, int bottom) {
    g.setColor(GRID);
    for (int i = 0; i <= 4; i++) {
      int y = bottom - (bottom - top) * i / 4;
      g.drawLine(left, y, right, y);
    }
    g.setColor(INK);
    g.drawLine(left, bottom, right, bottom);
  }

  private void legend(Graphics2D g, List<String> labels, List<Color> colors, int x, int y) {
    g.setFont(font.deriveFont(22f));
    for (int i = 0; i < labels.size(); i++) {
      g.setColor(colors.get(i));
      g.fillRect(x, y - 18, 22, 22);
      g.setColor(INK);
      g.drawRect(x, y - 18, 22, 22);
      g.drawString(labels.get(i), x + 30, y);
      x += 40 + g.getFontMetrics().stringWidth(labels.get(i));
    }
  }

  private void text(Graphics2D g, String text, int centerX, int baseline, float size) {
    g.setFont(font.deriveFont(size));
    g.drawString(text, centerX - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }

  private static byte[] png(BufferedImage image, Graphics2D g) {
    g.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long max(long[] values) {
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
