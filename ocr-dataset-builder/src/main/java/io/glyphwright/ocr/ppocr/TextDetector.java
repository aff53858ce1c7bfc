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
 * The PP-OCRv4 text detector (DB): image in, text regions out. Preprocessing as PP-OCR's {@code
 * DetResizeForTest} (longest side at most {@value #LIMIT_SIDE}, both sides rounded to a multiple of
 * 32) and {@code NormalizeImage} (ImageNet mean and deviation, applied to BGR channels in
 * PaddleOCR's order).
 */
final class TextDetector implements AutoCloseable {
  static final int LIMIT_SIDE = 960;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String input;
  private final DbPostProcessor post;

  TextDetector(
      OrtEnvironment env, Path model, OrtSession.SessionOptions options, DbPostProcessor post)
      throws OrtException {
    this.env = env;
    this.post = post;
    this.session = env.createSession(model.toString(), options);
    try {
      String name = model.getFileName().toString();
      this.input = ModelSignature.input(session, name, -1, 3, -1, -1);
      ModelSignature.output(session, name, -1, 1, -1, -1);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The size the detector sees an image at: longest side capped, sides multiples of 32. */
  static int[] inputSize(int width, int height) {
    double ratio =
        Math.max(width, height) > LIMIT_SIDE ? (double) LIMIT_SIDE / Math.max(width, height) : 1;
    int w = Math.max((int) Math.round(width * ratio / 32) * 32, 32);
    int h = Math.max((int) Math.round(height * ratio / 32) * 32, 32);
    return new int[] {w, h};
  }

  List<DetectedText> detect(RgbImage image) throws OrtException {
    int[] size = inputSize(image.width(), image.height());
    int w = size[0];
    int h = size[1];
    float[] tensor = new float[3 * w * h];
    image.resize(w, h).writeChwBgr(tensor, 0, h, w, MEAN, STD);
    try (OnnxTensor x =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), new long[] {1, 3, h, w});
        OrtSession.Result result = session.run(Map.of(input, x))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      long[] shape = out.getInfo().getShape();
      FloatBuffer buffer = out.getFloatBuffer();
      float[] prob = new float[buffer.remaining()];
      buffer.get(prob);
      return post.boxes(prob, (int) shape[3], (int) shape[2], image.width(), image.height());
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
