package io.glyphwright.diffusion.generate;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for OCR that computes its verdicts from the pixels: the image is cut
 * into one horizontal band per requested line, and a line's score is the standard deviation of the
 * luminance in its band over 128 (capped at 1); it counts as read when the score reaches the
 * threshold. Contrast is what ink on a background needs before any OCR can read it, so the check is
 * crude but real.
 */
final class BandContrastCheck implements TextCheck {
  private final double threshold;

  BandContrastCheck(double threshold) {
    this.threshold = threshold;
  }

  @Override
  public List<LineVerdict> check(BufferedImage image, List<String> requestedLines) {
    int lines = requestedLines.size();
    List<LineVerdict> verdicts = new ArrayList<>(lines);
    for (int j = 0; j < lines; j++) {
      int top = j * image.getHeight() / lines;
      int bottom = (j + 1) * image.getHeight() / lines;
      double sum = 0;
      double squares = 0;
      int count = 0;
      for (int y = top; y < bottom; y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int rgb = image.getRGB(x, y);
          double luma =
              0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
          sum += luma;
          squares += luma * luma;
          count++;
        }
      }
      double mean = sum / count;
      double std = Math.sqrt(Math.max(0, squares / count - mean * mean));
      double score = Math.min(1.0, std / 128.0);
      boolean read = score >= threshold;
      String text = requestedLines.get(j);
      verdicts.add(new LineVerdict(text, read, score, read ? text : ""));
    }
    return verdicts;
  }
}
