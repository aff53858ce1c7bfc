package io.glyphwright.dataset.synth;

import io.glyphwright.core.Box;
import java.util.Objects;

/**
 * How much of each pixel a line's text fill covers, over a region of the poster: 0 (none) to 1
 * (fully inked). This is the glyph mask as it was drawn, after any rotation, so it tells exactly
 * which background pixels lie under the text.
 */
public final class Coverage {
  private final Box region;
  private final float[] alpha;

  Coverage(Box region, float[] alpha) {
    this.region = Objects.requireNonNull(region, "region");
    if (alpha.length != region.width() * region.height()) {
      throw new IllegalArgumentException("coverage size does not match its region");
    }
    this.alpha = alpha;
  }

  /** The region in poster pixels; coverage outside it is 0. */
  public Box region() {
    return region;
  }

  /** Coverage at poster pixel {@code (x, y)}. */
  public float at(int x, int y) {
    if (x < region.left() || x >= region.right() || y < region.top() || y >= region.bottom()) {
      return 0f;
    }
    return alpha[(y - region.top()) * region.width() + (x - region.left())];
  }
}
