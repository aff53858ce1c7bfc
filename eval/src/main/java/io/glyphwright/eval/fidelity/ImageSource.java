package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.glyph.GlyphRendering;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Where the image the judge reads comes from: the glyph mask itself, or a generator. */
public interface ImageSource {

  /** Short name, as {@code --source} spells it. */
  String name();

  /**
   * True when {@link #image} runs a generator, timed as the {@link Stage#GENERATE} stage; false
   * when it only presents the mask (that stage is then reported as not run).
   */
  boolean generates();

  /** The image for one sample, the size of the rendering's canvas. */
  BufferedImage image(EvalPrompt prompt, GlyphRendering rendering, long seed);

  /**
   * What the report records about the source besides its name: for a generator the model (name,
   * sha256) and the sampler settings; empty for the mask.
   */
  default Map<String, Object> settings() {
    return Map.of();
  }
}
