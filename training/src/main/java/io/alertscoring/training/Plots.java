package io.alertscoring.training;

import io.alertscoring.core.metrics.PrPoint;
import io.alertscoring.core.metrics.ReliabilityBin;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Minimal headless Java2D charts for the training report: no plotting dependency needed. */
public final class Plots {
  private static final int SIZE = 480;
  private static final int MARGIN = 50;

  private Plots() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Reliability diagram: mean predicted probability vs observed rate per bin, and the diagonal. */
  public static void reliability(List<ReliabilityBin> bins, String title, Path file)
      throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame(image, title, "mean predicted probability", "observed positive rate");
    g.setColor(Color.LIGHT_GRAY);
    line(g, 0, 0, 1, 1);
    g.setColor(new Color(0x1f77b4));
    g.setStroke(new BasicStroke(2f));
    double[] previous = null;
    for (ReliabilityBin bin : bins) {
      if (bin.count() == 0) {
        continue;
      }
      double[] point = {bin.meanPredicted(), bin.observedRate()};
      dot(g, point[0], point[1]);
      if (previous != null) {
        line(g, previous[0], previous[1], point[0], point[1]);
      }
      previous = point;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  /** Precision-recall curve. */
  public static void precisionRecall(List<PrPoint> curve, String title, Path file)
      throws IOException {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame(image, title, "recall", "precision");
    g.setColor(new Color(0xd62728));
    g.setStroke(new BasicStroke(2f));
    PrPoint previous = null;
    for (PrPoint point : curve) {
      if (previous != null) {
        line(g, previous.recall(), previous.precision(), point.recall(), point.precision());
      }
      previous = point;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static Graphics2D frame(BufferedImage image, String title, String xLabel, String yLabel) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, SIZE, SIZE);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawRect(MARGIN, MARGIN, SIZE - 2 * MARGIN, SIZE - 2 * MARGIN);
    g.drawString(title, MARGIN, MARGIN - 20);
    g.drawString(xLabel, SIZE / 2 - 60, SIZE - 15);
    g.drawString(yLabel, 5, MARGIN - 5);
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      g.drawString(String.format("%.2f", v), x(v) - 12, SIZE - MARGIN + 15);
      g.drawString(String.format("%.2f", v), MARGIN - 35, y(v) + 4);
    }
    return g;
  }

  private static int x(double v) {
    return MARGIN + (int) Math.round(v * (SIZE - 2 * MARGIN));
  }

  private static int y(double v) {
    return SIZE - MARGIN - (int) Math.round(v * (SIZE - 2 * MARGIN));
  }

  private static void line(Graphics2D g, double x1, double y1, double x2, double y2) {
    g.drawLine(x(x1), y(y1), x(x2), y(y2));
  }

  private static void dot(Graphics2D g, double vx, double vy) {
    g.fillOval(x(vx) - 3, y(vy) - 3, 6, 6);
  }
}
