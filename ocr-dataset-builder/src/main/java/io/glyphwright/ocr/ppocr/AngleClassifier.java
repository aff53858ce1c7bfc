package io.glyphwright.ocr.ppocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glyphwright.ocr.imaging.RgbImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The text-direction classifier (PP-OCR mobile v2.0 cls): says which line crops are upside down.
 * Input 3×48×192, crops resized to height 48 keeping their aspect ratio (at most 192 wide) and
 * normalised to [-1, 1]; a crop is turned when class "180" wins with probability above {@value
 * #THRESHOLD}, as PP-OCR's {@code cls_thresh}.
 */
final class AngleClassifier implements AutoCloseable {
  static final int HEIGHT = 48;
  static final int WIDTH = 192;
  static final double THRESHOLD = 0.9;
  static final int BATCH = 6;
  static final float[] HALF = {0.5f, 0.5f, 0.5f};

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String input;

  AngleClassifier(OrtEnvironment env, Path model, OrtSession.SessionOptions options)
      throws OrtException {
    this.env = env;
    this.session = env.createSession(model.toString(), options);
    try {
      String name = model.getFileName().toString();
      this.input = ModelSignature.input(session, name, -1, 3, -1, -1);
      ModelSignature.output(session, name, -1, 2);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** For each crop, whether it reads upside down. */
  boolean[] upsideDown(List<RgbImage> crops) throws OrtException {
    boolean[] out = new boolean[crops.size()];
    for (int start = 0; start < crops.size(); start += BATCH) {
      int n = Math.min(BATCH, crops.size() - start);
      int slot = 3 * HEIGHT * WIDTH;
      float[] tensor = new float[n * slot];
      for (int i = 0; i < n; i++) {
        RgbImage crop = crops.get(start + i);
        int w = resizedWidth(crop, HEIGHT, WIDTH);
        crop.resize(w, HEIGHT).writeChwBgr(tensor, i * slot, HEIGHT, WIDTH, HALF, HALF);
      }
      try (OnnxTensor x =
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(tensor), new long[] {n, 3, HEIGHT, WIDTH});
          OrtSession.Result result = session.run(Map.of(input, x))) {
        FloatBuffer probs = ((OnnxTensor) result.get(0)).getFloatBuffer();
        for (int i = 0; i < n; i++) {
          float upright = probs.get(2 * i);
          float turned = probs.get(2 * i + 1);
          out[start + i] = turned > upright && turned > THRESHOLD;
        }
      }
    }
    return out;
  }

  /** PP-OCR's {@code resize_norm_img} width: height fixed, aspect kept, capped at the slot. */
  static int resizedWidth(RgbImage crop, int height, int maxWidth) {
    double ratio = (double) crop.width() / crop.height();
    return Math.max(1, Math.min(maxWidth, (int) Math.ceil(height * ratio)));
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
