package io.glyphwright.layout.lm;

import java.util.List;

/** Tiny, randomly initialised layout models for tests: built in memory from a seed. */
final class TinyModels {
  private TinyModels() {}

  static final LayoutTokenizer TOKENIZER =
      LayoutTokenizer.fromTexts(
          List.of(
              "A poster that says 'SUMMER SALE' and '50% OFF' on a red background",
              "一张写着“新年快乐”的海报，作者魏紫",
              "book cover titled The Silent Orchard by Mara Quinn 0123456789"),
          1,
          500);

  static LayoutLmConfig config(int maxLen) {
    return new LayoutLmConfig(TOKENIZER.vocabSize(), 16, 2, 2, 32, maxLen);
  }

  static LayoutLm model(long seed, int maxLen) {
    LayoutLmConfig c = config(maxLen);
    return LayoutLm.load(c, LayoutLmWeights.initial(c, seed));
  }
}
