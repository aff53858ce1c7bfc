package io.glyphwright.ocr.ppocr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.glyphwright.ocr.OcrException;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks at load time that a model has the single float input and output a stage expects, so a
 * wrong file fails with a clear message rather than mid-request.
 */
final class ModelSignature {
  private ModelSignature() {}

  /**
   * The name of the model's only input, after checking its shape.
   *
   * @param expected the expected shape; -1 where any size (a dynamic axis) is accepted
   */
  static String input(OrtSession session, String model, long... expected) throws OrtException {
    return check(session.getInputInfo(), model, "input", expected);
  }

  /** The name of the model's only output, after checking its shape; -1 accepts any size. */
  static String output(OrtSession session, String model, long... expected) throws OrtException {
    return check(session.getOutputInfo(), model, "output", expected);
  }

  private static String check(
      Map<String, NodeInfo> nodes, String model, String what, long[] expected) {
    if (nodes.size() != 1) {
      throw new OcrException(
          model + " has " + nodes.size() + " " + what + "s " + nodes.keySet() + ", expected one");
    }
    NodeInfo node = nodes.values().iterator().next();
    if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
      throw new OcrException(model + ": " + what + " " + node.getName() + " is not a float tensor");
    }
    long[] shape = info.getShape();
    boolean ok = shape.length == expected.length;
    for (int i = 0; ok && i < shape.length; i++) {
      ok = expected[i] < 0 || shape[i] < 0 || shape[i] == expected[i];
    }
    if (!ok) {
      throw new OcrException(
          model
              + ": "
              + what
              + " "
              + node.getName()
              + " has shape "
              + Arrays.toString(shape)
              + ", expected "
              + Arrays.toString(expected)
              + " (-1 = any); is this the right model file?");
    }
    return node.getName();
  }
}
