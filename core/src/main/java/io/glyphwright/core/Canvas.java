package io.glyphwright.core;

/**
 * The pixel size of an image. Every module accepts sides from {@link #MIN_SIDE} to {@link
 * #MAX_SIDE}; a service may configure tighter limits.
 */
public record Canvas(int width, int height) {
  public static final int MIN_SIDE = 16;
  public static final int MAX_SIDE = 4096;

  public Canvas {
    checkSide("width", width);
    checkSide("height", height);
  }

  private static void checkSide(String name, int value) {
    if (value < MIN_SIDE || value > MAX_SIDE) {
      throw new LayoutException(
          "canvas "
              + name
              + " "
              + value
              + " is out of range: use a "
              + name
              + " from "
              + MIN_SIDE
              + " to "
              + MAX_SIDE
              + " pixels");
    }
  }

  public long pixels() {
    return (long) width * height;
  }
}
