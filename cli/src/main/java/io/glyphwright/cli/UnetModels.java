package io.glyphwright.cli;

import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.generate.TextCheck;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds, loads and opens the diffusion model package for {@code generate} and {@code eval}. */
final class UnetModels {
  static final String HOW_TO_GET_ONE =
      "train one with ./glyphwright train unet --data CORPUS_DIR --out models/"
          + GlyphUnetPackage.DEFAULT_PACKAGE
          + " (a corpus from ./glyphwright dataset synth), or give --model DIR";

  private UnetModels() {}

  /**
   * The package in {@code dir}, or the installed one ({@link GlyphUnetPackage#find()}) when {@code
   * dir} is null.
   *
   * @throws IllegalArgumentException when there is no package there, saying how to get one
   * @throws IOException (a {@code ModelPackageException}) when the package is damaged
   */
  static GlyphUnetPackage load(Path dir) throws IOException {
    Path folder = dir;
    if (folder == null) {
      Optional<Path> found = GlyphUnetPackage.find();
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            "no diffusion model is installed (looked for models/"
                + GlyphUnetPackage.DEFAULT_PACKAGE
                + ", "
                + GlyphUnetPackage.ENV
                + " and -D"
                + GlyphUnetPackage.PROPERTY
                + "): "
                + HOW_TO_GET_ONE);
      }
      folder = found.get();
    }
    if (!Files.isRegularFile(folder.resolve(GlyphUnetPackage.MODEL_JSON))) {
      throw new IllegalArgumentException(
          "no diffusion model at "
              + folder
              + " (no "
              + GlyphUnetPackage.MODEL_JSON
              + "): "
              + HOW_TO_GET_ONE);
    }
    return GlyphUnetPackage.load(folder);
  }

  /** Refuses a {@code --threads} below 1 (null, all cores, is fine). */
  static void checkThreads(Integer threads) {
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
  }

  /**
   * A generator on ONNX Runtime (CPU, or CUDA when present).
   *
   * @param threads ONNX Runtime's threads inside one operator; null for all cores
   */
  static Generator open(GlyphUnetPackage pkg, TextCheck check, Integer threads) {
    checkThreads(threads);
    OnnxOptions options = OnnxOptions.defaults();
    if (threads != null) {
      options = options.withIntraOpThreads(threads);
    }
    try {
      return Generator.open(pkg, options, GlyphRenderer.system(), check);
    } catch (ModelLoadException e) {
      throw new IllegalArgumentException(
          "model " + pkg.dir() + " cannot be opened: " + e.getMessage(), e);
    }
  }
}
