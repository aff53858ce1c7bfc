package io.glyphwright.eval.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ColourAdherenceTest {
  @Test
  void promptsAreSeededAndAskForEveryColourInTurn() {
    List<ColourAdherence.Prompt> a = ColourAdherence.prompts(48, 7);
    assertEquals(a, ColourAdherence.prompts(48, 7));
    assertNotEquals(a, ColourAdherence.prompts(48, 8));
    Map<String, Long> perColour =
        a.stream()
            .collect(Collectors.groupingBy(ColourAdherence.Prompt::colour, Collectors.counting()));
    assertEquals(ColourAdherence.COLOURS.size(), perColour.size());
    assertTrue(perColour.values().stream().allMatch(c -> c == 4), perColour.toString());
    for (ColourAdherence.Prompt p : a) {
      assertTrue(p.prompt().contains(p.text()), p.prompt());
      if (p.lang().equals("en")) {
        assertTrue(p.prompt().contains(p.colour()), p.prompt());
      }
    }
    assertTrue(a.stream().anyMatch(p -> p.lang().equals("zh")));
    assertThrows(IllegalArgumentException.class, () -> ColourAdherence.prompts(0, 1));
  }

  @Test
  void theTextAndItsEdgeAreNotBackground() {
    // A red picture whose white text covers most of it: the text must not win.
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xD42020));
    g.fillRect(0, 0, 64, 64);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 64, 40);
    g.dispose();
    Graphics2D m = mask.createGraphics();
    m.setColor(Color.WHITE);
    m.fillRect(0, 0, 64, 36); // the mask is 4 px short of the drawn text: the margin covers it
    m.dispose();
    ColourAdherence.Found found = ColourAdherence.dominantOutside(image, mask, 6, 1);
    assertEquals("red", found.colour());
    assertEquals(1.0, found.share(), 1e-9);
    assertEquals(64L * (64 - 36 - 6), found.counted());
    // Without a margin the white edge is counted.
    ColourAdherence.Found tight = ColourAdherence.dominantOutside(image, mask, 0, 1);
    assertEquals(64L * 28, tight.counted());
    assertEquals(24.0 / 28, tight.share(), 1e-9);
  }

  @Test
  void familiesGroupShadesOfOneHue() {
    Function<String, String> f = ColourAdherence::family;
    assertEquals("blue", f.apply("dark blue"));
    assertEquals("blue", f.apply("light blue"));
    assertEquals("white", f.apply("cream"));
    assertEquals("red", f.apply("red"));
    assertEquals("gray", f.apply("light gray"));
  }

  @Test
  void aMaskOfAnotherSizeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColourAdherence.dominantOutside(
                new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_GRAY),
                1,
                1));
  }
}
