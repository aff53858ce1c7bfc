package io.glyphwright.glyph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

class OutlineBoundsTest {
  @Test
  void cubicBoundsStopAtTheCurveNotItsControlPoints() {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, 0);
    p.curveTo(0, 100, 100, 100, 100, 0);
    p.closePath();
    Rectangle2D b = OutlineBounds.of(p);
    assertEquals(100, p.getBounds2D().getMaxY(), 1e-9, "premise: hull bounds reach the controls");
    assertEquals(75, b.getMaxY(), 1e-9);
    assertEquals(0, b.getMinX(), 1e-9);
    assertEquals(100, b.getMaxX(), 1e-9);
  }

  @Test
  void quadraticBoundsStopAtTheCurve() {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, 0);
    p.quadTo(50, -100, 100, 0);
    p.closePath();
    Rectangle2D b = OutlineBounds.of(p);
    assertEquals(-50, b.getMinY(), 1e-9);
    assertEquals(0, b.getMaxY(), 1e-9);
  }

  @Test
  void anEllipseHasItsGeometricBounds() {
    Rectangle2D b = OutlineBounds.of(new Ellipse2D.Double(10, 20, 30, 40));
    assertEquals(10, b.getMinX(), 1e-9);
    assertEquals(20, b.getMinY(), 1e-9);
    assertEquals(40, b.getMaxX(), 1e-9);
    assertEquals(60, b.getMaxY(), 1e-9);
  }

  @Test
  void anEmptyPathHasNoBounds() {
    assertNull(OutlineBounds.of(new Path2D.Double()));
  }
}
