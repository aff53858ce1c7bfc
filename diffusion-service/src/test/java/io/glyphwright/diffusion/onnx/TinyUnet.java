package io.glyphwright.diffusion.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny stand-in for the UNet, built as an ONNX graph in code: it honours the I/O contract and
 * computes, for every output element {@code [b, c, y, x]},
 *
 * <pre>
 * out = A·x + B·mean_c'(cond[b, c', y, x]) + C·mean_{l,d}(text[b, l, d]·text_mask[b, l])
 *       + D·t[b] + E
 * </pre>
 *
 * which {@link #expected} computes in plain Java. Setters break the contract on purpose.
 */
final class TinyUnet {
  static final float A = 0.5f;
  static final float B = 0.3f;
  static final float C = 0.7f;
  static final float D = 0.001f;
  static final float E = 0.05f;

  /** The spec the tests use: RGB, r = 4, one glyph channel, 4 tokens of 8, sides × 16. */
  static final DenoiserSpec SPEC = new DenoiserSpec(3, 4, 1, 4, 8, 16, SchedulerConfig.defaults());

  private final Map<String, String> renamed = new HashMap<>();
  private String outputName = "eps";
  private int modelChannels = SPEC.modelChannels();
  private long fixedBatch = -1;
  private long fixedHeight = -1;
  private long fixedWidth = -1;
  private boolean int64Timesteps;
  private int sampleType = TensorProto.DataType.FLOAT.getNumber();

  TinyUnet renameInput(String from, String to) {
    renamed.put(from, to);
    return this;
  }

  TinyUnet outputName(String name) {
    outputName = name;
    return this;
  }

  TinyUnet modelChannels(int channels) {
    modelChannels = channels;
    return this;
  }

  TinyUnet fixedBatch(long batch) {
    fixedBatch = batch;
    return this;
  }

  TinyUnet fixedSize(long height, long width) {
    fixedHeight = height;
    fixedWidth = width;
    return this;
  }

  TinyUnet int64Timesteps() {
    int64Timesteps = true;
    return this;
  }

  TinyUnet doubleSample() {
    sampleType = TensorProto.DataType.DOUBLE.getNumber();
    return this;
  }

  private String name(String input) {
    return renamed.getOrDefault(input, input);
  }

  byte[] bytes() {
    int floatType = TensorProto.DataType.FLOAT.getNumber();
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_unet");
    Object batch = fixedBatch > 0 ? (Object) fixedBatch : "B";
    Object h = fixedHeight > 0 ? (Object) fixedHeight : "h";
    Object w = fixedWidth > 0 ? (Object) fixedWidth : "w";
    g.addInput(value(name("x"), sampleType, batch, (long) modelChannels, h, w));
    g.addInput(
        value(
            name("t"),
            int64Timesteps
                ? TensorProto.DataType.INT64.getNumber()
                : TensorProto.DataType.FLOAT.getNumber(),
            batch));
    g.addInput(value(name("cond"), floatType, batch, (long) SPEC.condChannels(), h, w));
    g.addInput(
        value(name("text"), floatType, batch, (long) SPEC.textTokens(), (long) SPEC.textDim()));
    g.addInput(value(name("text_mask"), floatType, batch, (long) SPEC.textTokens()));
    g.addOutput(value(outputName, floatType, batch, (long) modelChannels, h, w));

    g.addInitializer(scalar("A", A)).addInitializer(scalar("B", B)).addInitializer(scalar("C", C));
    g.addInitializer(scalar("D", D)).addInitializer(scalar("E", E));
    g.addInitializer(axes("axes_2", 2)).addInitializer(axes("axes_3", 3));
    g.addInitializer(axes("axes_123", 1, 2, 3));

    String x = name("x");
    if (sampleType != floatType) {
      g.addNode(cast(x, "x_float"));
      x = "x_float";
    }
    g.addNode(node("Mul", x, "A", "ax"));
    g.addNode(reduceMean(name("cond"), "cond_mean", 1));
    g.addNode(node("Mul", "cond_mean", "B", "b_cond"));
    g.addNode(node("Unsqueeze", name("text_mask"), "axes_2", "mask3"));
    g.addNode(node("Mul", name("text"), "mask3", "text_masked"));
    g.addNode(reduceMean("text_masked", "text_mean3", 1, 2));
    g.addNode(node("Unsqueeze", "text_mean3", "axes_3", "text_mean"));
    g.addNode(node("Mul", "text_mean", "C", "c_text"));
    String t = name("t");
    if (int64Timesteps) {
      g.addNode(cast(t, "t_float"));
      t = "t_float";
    }
    g.addNode(node("Unsqueeze", t, "axes_123", "t4"));
    g.addNode(node("Mul", "t4", "D", "d_t"));
    g.addNode(node("Add", "ax", "b_cond", "s1"));
    g.addNode(node("Add", "s1", "c_text", "s2"));
    g.addNode(node("Add", "s2", "d_t", "s3"));
    g.addNode(node("Add", "s3", "E", outputName));

    return ModelProto.newBuilder()
        .setIrVersion(7)
        .setProducerName("glyphwright-tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  Path write(Path dir) throws IOException {
    Path file = dir.resolve("tiny-unet.onnx");
    Files.write(file, bytes());
    return file;
  }

  /** The graph's function in plain Java, for a batch of {@code batch} rows. */
  static float[] expected(
      int batch, int h, int w, float[] x, float[] t, float[] cond, float[] text, float[] mask) {
    int cx = SPEC.modelChannels();
    int cc = SPEC.condChannels();
    int l = SPEC.textTokens();
    int d = SPEC.textDim();
    float[] out = new float[x.length];
    for (int b = 0; b < batch; b++) {
      double textSum = 0;
      for (int k = 0; k < l; k++) {
        for (int e = 0; e < d; e++) {
          textSum += text[(b * l + k) * d + e] * mask[b * l + k];
        }
      }
      double textMean = textSum / (l * d);
      for (int p = 0; p < h * w; p++) {
        double condSum = 0;
        for (int c = 0; c < cc; c++) {
          condSum += cond[(b * cc + c) * h * w + p];
        }
        for (int c = 0; c < cx; c++) {
          int i = (b * cx + c) * h * w + p;
          out[i] = (float) (A * x[i] + B * condSum / cc + C * textMean + D * t[b] + E);
        }
      }
    }
    return out;
  }

  private static ValueInfoProto value(String name, int type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof Long) {
        d.setDimValue((Long) dim);
      } else {
        d.setDimParam((String) dim);
      }
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
        .build();
  }

  private static TensorProto scalar(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value)
        .build();
  }

  private static TensorProto axes(String name, long... axes) {
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64.getNumber())
            .addDims(axes.length);
    for (long axis : axes) {
      t.addInt64Data(axis);
    }
    return t.build();
  }

  private static NodeProto node(String op, String a, String b, String out) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(out + "_node")
        .addInput(a)
        .addInput(b)
        .addOutput(out)
        .build();
  }

  private static NodeProto reduceMean(String in, String out, long... axes) {
    AttributeProto.Builder axesAttribute =
        AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS);
    for (long axis : axes) {
      axesAttribute.addInts(axis);
    }
    return NodeProto.newBuilder()
        .setOpType("ReduceMean")
        .setName(out + "_node")
        .addInput(in)
        .addOutput(out)
        .addAttribute(axesAttribute)
        .addAttribute(
            AttributeProto.newBuilder()
                .setName("keepdims")
                .setType(AttributeProto.AttributeType.INT)
                .setI(1))
        .build();
  }

  private static NodeProto cast(String in, String out) {
    return NodeProto.newBuilder()
        .setOpType("Cast")
        .setName(out + "_node")
        .addInput(in)
        .addOutput(out)
        .addAttribute(
            AttributeProto.newBuilder()
                .setName("to")
                .setType(AttributeProto.AttributeType.INT)
                .setI(TensorProto.DataType.FLOAT.getNumber()))
        .build();
  }
}
