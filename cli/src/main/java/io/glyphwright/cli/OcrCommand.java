package io.glyphwright.cli;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ./glyphwright ocr IMAGE}: read the text in an image. */
@Command(
    name = "ocr",
    mixinStandardHelpOptions = true,
    description = "Read the text lines of an image (PNG, JPEG, BMP, GIF).")
final class OcrCommand implements Callable<Integer> {
  /** Images larger than this are refused before decoding (decompression bombs). */
  static final long MAX_PIXELS = 40_000_000L;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image to read")
  Path image;

  @Option(
      names = "--engine",
      defaultValue = "ppocr",
      paramLabel = "NAME",
      description = "ppocr (PP-OCRv4, default) or tesseract")
  String engine;

  @Option(names = "--json", description = "print lines with quads, boxes and character boxes")
  boolean json;

  @Override
  public Integer call() throws IOException {
    BufferedImage picture = readImage(image);
    OcrResult result;
    try (OcrEngine ocr = OcrEngines.open(engine)) {
      result = ocr.read(picture);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(LayoutJson.mapper().writeValueAsString(toTree(result)));
    } else {
      for (OcrLine line : result.lines()) {
        out.printf(Locale.ROOT, "%s\t%.3f\t%s%n", line.text(), line.confidence(), line.box());
      }
      if (result.lines().isEmpty()) {
        spec.commandLine().getErr().println("note: no text found in " + image);
      }
    }
    out.flush();
    return 0;
  }

  static BufferedImage readImage(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("image " + file + " does not exist or is not a file");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IllegalArgumentException(
            file + " is not an image this tool can read: use PNG, JPEG, BMP or GIF");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s is %dx%d: more than %d megapixels; scale it down first",
                  file,
                  reader.getWidth(0),
                  reader.getHeight(0),
                  MAX_PIXELS / 1_000_000));
        }
        return reader.read(0);
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
          throw e;
        }
        throw new IllegalArgumentException(
            file + " could not be decoded (" + e.getMessage() + "): is it truncated or damaged?");
      } finally {
        reader.dispose();
      }
    }
  }

  private static ObjectNode toTree(OcrResult result) {
    ObjectNode root = LayoutJson.mapper().createObjectNode();
    root.put("engine", result.engine());
    root.put("width", result.width());
    root.put("height", result.height());
    ArrayNode lines = root.putArray("lines");
    for (OcrLine line : result.lines()) {
      ObjectNode l = lines.addObject();
      l.put("text", line.text());
      ArrayNode quad = l.putArray("quad");
      line.quad().toList().forEach(quad::add);
      putBox(l, line.box());
      l.put("conf", Math.round(line.confidence() * 1e4) / 1e4);
      ArrayNode chars = l.putArray("chars");
      for (CharBox c : line.chars()) {
        putBox(chars.addObject().put("c", c.c()), c.box());
      }
    }
    return root;
  }

  private static void putBox(ObjectNode node, Box box) {
    node.putArray("box").add(box.left()).add(box.top()).add(box.right()).add(box.bottom());
  }
}
