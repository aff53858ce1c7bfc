package io.glyphwright.diffusion.sampling;

/**
 * What the unconditional half of classifier-free guidance leaves out. Only use a mode whose
 * condition the model was trained to go without (condition dropout).
 */
public enum GuidanceMode {
  /** The unconditional pass has no prompt (or the negative prompt) but keeps the glyphs. */
  TEXT,
  /** The unconditional pass has no prompt and all-zero glyph channels. */
  TEXT_AND_GLYPHS
}
