package io.glyphwright.ocr.ppocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.imaging.RgbImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The PP-OCRv4 recogniser (SVTR-LCNet, CTC head). Crops are sorted by aspect ratio and run in
 * batches of up to {@value #BATCH} crops of near-equal width; in a batch every crop is resized to
 * height {@value #HEIGHT} keeping its aspect ratio and right-padded with zeros to the widest one
 * (at least {@value #MIN_WIDTH}), as PP-OCR's {@code TextRecognizer} does, normalised to [-1, 1].
 */
final class TextRecognizer implements AutoCloseable {
  static final int HEIGHT = 48;
  static final int MIN_WIDTH = 320;
  static final int BATCH = 6;

  /**
   * A batch is at most this much wider than its narrowest crop would be alone. PP-OCR batches any
   * six crops; but the zero padding changes what the model reads (a padded line loses its word
   * spaces first), so only crops of near-equal width share a batch.
   */
  static final double MAX_PADDING = 1.1;

  /**
   * One recognised crop.
   *
   * @param decoded the CTC decoding
   * @param stepWidth recogniser input pixels per CTC time step
   * @param contentWidth the crop's width in the recogniser input (before padding)
   * @param spaceBefore per decoded character, {@link CtcDecoder#spaceBefore}
   */
  record Recognition(
      CtcDecoder.Decoded decoded, double stepWidth, int contentWidth, float[] spaceBefore) {}

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String input;
  private final CharacterDictionary dictionary;

  TextRecognizer(
      OrtEnvironment env,
      Path model,
      OrtSession.SessionOptions options,
      CharacterDictionary dictionary)
      throws OrtException {
    this.env = env;
    this.dictionary = dictionary;
    this.session = env.createSession(model.toString(), options);
    try {
      String name = model.getFileName().toString();
      this.input = ModelSignature.input(session, name, -1, 3, HEIGHT, -1);
      ModelSignature.output(session, name, -1, -1, dictionary.classes());
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  List<Recognition> recognize(List<RgbImage> crops) throws OrtException {
    Integer[] order = new Integer[crops.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> ratio(crops.get(i))));
    Recognition[] out = new Recognition[crops.size()];
    for (int start = 0, n; start < order.length; start += n) {
      n = 1;
      int narrowest = inputWidth(ratio(crops.get(order[start])));
      while (n < BATCH
          && start + n < order.length
          && inputWidth(ratio(crops.get(order[start + n]))) <= MAX_PADDING * narrowest) {
        n++;
      }
      double maxRatio = (double) MIN_WIDTH / HEIGHT;
      for (int i = 0; i < n; i++) {
        maxRatio = Math.max(maxRatio, ratio(crops.get(order[start + i])));
      }
      int width = (int) (HEIGHT * maxRatio);
      int slot = 3 * HEIGHT * width;
      float[] tensor = new float[n * slot];
      int[] content = new int[n];
      for (int i = 0; i < n; i++) {
        RgbImage crop = crops.get(order[start + i]);
        content[i] = AngleClassifier.resizedWidth(crop, HEIGHT, width);
        crop.resize(content[i], HEIGHT)
            .writeChwBgr(
                tensor, i * slot, HEIGHT, width, AngleClassifier.HALF, AngleClassifier.HALF);
      }
      try (OnnxTensor x =
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(tensor), new long[] {n, 3, HEIGHT, width});
          OrtSession.Result result = session.run(Map.of(input, x))) {
        OnnxTensor probs = (OnnxTensor) result.get(0);
        long[] shape = probs.getInfo().getShape();
        if (shape[0] != n || shape[2] != dictionary.classes()) {
          throw new OcrException("recogniser output has shape " + Arrays.toString(shape));
        }
        int steps = (int) shape[1];
        FloatBuffer buffer = probs.getFloatBuffer();
        float[] flat = new float[buffer.remaining()];
        buffer.get(flat);
        for (int i = 0; i < n; i++) {
          CtcDecoder.Decoded decoded =
              CtcDecoder.decode(flat, i * steps * dictionary.classes(), steps, dictionary);
          int offset = i * steps * dictionary.classes();
          float[] spaces =
              CtcDecoder.spaceBefore(flat, offset, steps, dictionary.classes(), decoded.chars());
          out[order[start + i]] =
              new Recognition(decoded, (double) width / steps, content[i], spaces);
        }
      }
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** The input width a crop of this aspect ratio gets on its own. */
  private static int inputWidth(double ratio) {
    return Math.max(MIN_WIDTH, (int) Math.ceil(HEIGHT * ratio));
  }

  private static double ratio(RgbImage crop) {
    return (double) crop.width() / crop.height();
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
