package io.glyphwright.ocr.geometry;

import java.util.List;

/** A 3×3 projective transform of the plane, row-major. */
public final class Homography {
  private final double[] m;

  private Homography(double[] m) {
    this.m = m;
  }

  public static Homography of(double... rowMajor) {
    if (rowMajor.length != 9) {
      throw new IllegalArgumentException("a homography has 9 entries, got " + rowMajor.length);
    }
    return new Homography(rowMajor.clone());
  }

  public static Homography identity() {
    return new Homography(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  }

  /**
   * The transform taking four source points to four destination points (OpenCV's {@code
   * getPerspectiveTransform}): solves the 8×8 linear system with h33 = 1.
   *
   * @throws IllegalArgumentException when three of the points are collinear
   */
  public static Homography mapping(List<Point> src, List<Point> dst) {
    if (src.size() != 4 || dst.size() != 4) {
      throw new IllegalArgumentException("a homography is fixed by 4 point pairs");
    }
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = src.get(i).x();
      double y = src.get(i).y();
      double u = dst.get(i).x();
      double v = dst.get(i).y();
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v, v};
    }
    double[] h = solve(a);
    return new Homography(new double[] {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1});
  }

  /** Gaussian elimination with partial pivoting on an n×(n+1) augmented matrix. */
  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException("degenerate quadrilateral: no perspective transform");
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }

  public Point apply(Point p) {
    return apply(p.x(), p.y());
  }

  public Point apply(double x, double y) {
    double w = m[6] * x + m[7] * y + m[8];
    return new Point((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w);
  }

  /** {@code this ∘ first}: applies {@code first}, then this. */
  public Homography after(Homography first) {
    double[] a = m;
    double[] b = first.m;
    double[] c = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int k = 0; k < 3; k++) {
        c[3 * r + k] = a[3 * r] * b[k] + a[3 * r + 1] * b[3 + k] + a[3 * r + 2] * b[6 + k];
      }
    }
    return new Homography(c);
  }

  public Homography inverse() {
    double[] a = m;
    double det =
        a[0] * (a[4] * a[8] - a[5] * a[7])
            - a[1] * (a[3] * a[8] - a[5] * a[6])
            + a[2] * (a[3] * a[7] - a[4] * a[6]);
    if (Math.abs(det) < 1e-15) {
      throw new IllegalStateException("singular homography");
    }
    return new Homography(
        new double[] {
          (a[4] * a[8] - a[5] * a[7]) / det,
          (a[2] * a[7] - a[1] * a[8]) / det,
          (a[1] * a[5] - a[2] * a[4]) / det,
          (a[5] * a[6] - a[3] * a[8]) / det,
          (a[0] * a[8] - a[2] * a[6]) / det,
          (a[2] * a[3] - a[0] * a[5]) / det,
          (a[3] * a[7] - a[4] * a[6]) / det,
          (a[1] * a[6] - a[0] * a[7]) / det,
          (a[0] * a[4] - a[1] * a[3]) / det
        });
  }
}
