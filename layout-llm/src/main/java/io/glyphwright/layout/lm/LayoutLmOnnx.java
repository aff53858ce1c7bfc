package io.glyphwright.layout.lm;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout model as an ONNX graph with a key/value cache, built from the same weights and the
 * same arithmetic as {@link LayoutLm#forward} (pre-norm blocks, exact erf GELU, tied output).
 *
 * <p>Inputs: {@code tokens} int64 {@code [n]}, {@code positions} int64 {@code [n]}, {@code mask}
 * float {@code [n, past+n]} (0 where a query may look, a large negative number where it may not),
 * and per block {@code past_k_I}, {@code past_v_I} float {@code [heads, past, headDim]} ({@code
 * past} may be 0). Outputs: {@code logits} float {@code [vocab]} for the last of the {@code n}
 * tokens, and {@code present_k_I}, {@code present_v_I} {@code [heads, past+n, headDim]}.
 */
final class LayoutLmOnnx {
  static final int OPSET = 17;
  private static final int IR_VERSION = 8;

  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("layout_lm");
  private final Map<String, Integer> counters = new HashMap<>();

  private LayoutLmOnnx() {}

  /** The serialised ONNX model. */
  static byte[] export(LayoutLmConfig c, Map<String, Tensor> weights) {
    LayoutLmWeights.check(c, weights);
    return new LayoutLmOnnx().build(c, weights).toByteArray();
  }

  private ModelProto build(LayoutLmConfig c, Map<String, Tensor> w) {
    int d = c.dModel();
    int h = c.heads();
    int dh = c.headDim();
    TensorProto.DataType f32 = TensorProto.DataType.FLOAT;
    TensorProto.DataType i64 = TensorProto.DataType.INT64;
    input("tokens", i64, List.of("n"));
    input("positions", i64, List.of("n"));
    input("mask", f32, List.of("n", "total"));
    for (int l = 0; l < c.layers(); l++) {
      input("past_k_" + l, f32, List.of((long) h, "past", (long) dh));
      input("past_v_" + l, f32, List.of((long) h, "past", (long) dh));
    }
    String tokEmb = weight("tok_emb", w);
    String x =
        node(
            "Add",
            List.of(
                node("Gather", List.of(tokEmb, "tokens"), "axis", 0L),
                node("Gather", List.of(weight("pos_emb", w), "positions"), "axis", 0L)));
    String scale = scalar("scale", (float) (1.0 / Math.sqrt(dh)));
    String qkvShape = longs("qkv_shape", 0, 3, h, dh);
    String mixedShape = longs("mixed_shape", 0, d);
    String zero = longs("i0", 0);
    String one = longs("i1", 1);
    String two = longs("i2", 2);
    String sqrtHalf = scalar("inv_sqrt2", (float) (1.0 / Math.sqrt(2.0)));
    String half = scalar("half", 0.5f);
    String oneF = scalar("one", 1f);
    for (int l = 0; l < c.layers(); l++) {
      String p = "h" + l + ".";
      String a = layerNorm(x, weight(p + "ln1.g", w), weight(p + "ln1.b", w));
      String qkv = linear(a, weight(p + "qkv.w", w), weight(p + "qkv.b", w));
      // [n, 3D] -> [n, 3, H, dh] -> [3, H, n, dh]
      String split =
          node(
              "Transpose",
              List.of(node("Reshape", List.of(qkv, qkvShape))),
              "perm",
              new long[] {1, 2, 0, 3});
      String q = squeeze0(node("Gather", List.of(split, zero), "axis", 0L));
      String k = squeeze0(node("Gather", List.of(split, one), "axis", 0L));
      String v = squeeze0(node("Gather", List.of(split, two), "axis", 0L));
      String keys = node("Concat", List.of("past_k_" + l, k), "axis", 1L);
      String values = node("Concat", List.of("past_v_" + l, v), "axis", 1L);
      identity(keys, "present_k_" + l);
      identity(values, "present_v_" + l);
      String scores =
          node(
              "MatMul", List.of(q, node("Transpose", List.of(keys), "perm", new long[] {0, 2, 1})));
      scores = node("Add", List.of(node("Mul", List.of(scores, scale)), "mask"));
      String att = node("Softmax", List.of(scores), "axis", -1L);
      String mixed =
          node(
              "Reshape",
              List.of(
                  node(
                      "Transpose",
                      List.of(node("MatMul", List.of(att, values))),
                      "perm",
                      new long[] {1, 0, 2}),
                  mixedShape));
      x = node("Add", List.of(x, linear(mixed, weight(p + "proj.w", w), weight(p + "proj.b", w))));
      String f = layerNorm(x, weight(p + "ln2.g", w), weight(p + "ln2.b", w));
      f = linear(f, weight(p + "fc.w", w), weight(p + "fc.b", w));
      // GELU, exact: 0.5 x (1 + erf(x / sqrt 2))
      String erf = node("Erf", List.of(node("Mul", List.of(f, sqrtHalf))));
      f = node("Mul", List.of(node("Mul", List.of(f, half)), node("Add", List.of(erf, oneF))));
      f = linear(f, weight(p + "out.w", w), weight(p + "out.b", w));
      x = node("Add", List.of(x, f));
    }
    String last =
        node("Slice", List.of(x, longs("last_start", -1), longs("last_end", Long.MAX_VALUE), zero));
    String norm = layerNorm(last, weight("lnf.g", w), weight("lnf.b", w));
    String logits = node("Gemm", List.of(norm, tokEmb), "transB", 1L);
    identity(node("Reshape", List.of(logits, longs("vocab_shape", c.vocabSize()))), "logits");
    output("logits", f32, List.of((long) c.vocabSize()));
    for (int l = 0; l < c.layers(); l++) {
      output("present_k_" + l, f32, List.of((long) h, "total", (long) dh));
      output("present_v_" + l, f32, List.of((long) h, "total", (long) dh));
    }
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("glyphwright-layout-lm")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .build();
  }

  private String squeeze0(String value) {
    return node("Squeeze", List.of(value, longs("axes0", 0)));
  }

  private String linear(String x, String weight, String bias) {
    return node("Gemm", List.of(x, weight, bias), "transB", 1L);
  }

  private String layerNorm(String x, String gain, String bias) {
    return node("LayerNormalization", List.of(x, gain, bias), "axis", -1L, "epsilon", 1e-5f);
  }

  // ------------------------------------------------------------------ graph building

  private String fresh(String hint) {
    int k = counters.merge(hint, 1, Integer::sum);
    return hint + "_" + k;
  }

  private String weight(String name, Map<String, Tensor> w) {
    String id = "w." + name;
    boolean present = graph.getInitializerList().stream().anyMatch(t -> t.getName().equals(id));
    if (!present) {
      Tensor t = w.get(name);
      TensorProto.Builder b =
          TensorProto.newBuilder().setName(id).setDataType(TensorProto.DataType.FLOAT.getNumber());
      for (int dim : t.shape()) {
        b.addDims(dim);
      }
      ByteBuffer buf = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(t.data());
      b.setRawData(ByteString.copyFrom(buf.array()));
      graph.addInitializer(b);
    }
    return id;
  }

  private String scalar(String hint, float value) {
    String name = fresh(hint);
    graph.addInitializer(
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .addFloatData(value));
    return name;
  }

  private String longs(String hint, long... values) {
    String name = fresh(hint);
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64.getNumber())
            .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  private String node(String op, List<String> inputs, Object... attributes) {
    String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
    NodeProto.Builder n =
        NodeProto.newBuilder().setOpType(op).setName(fresh("n_" + op)).addAllInput(inputs);
    n.addOutput(out);
    for (int i = 0; i < attributes.length; i += 2) {
      n.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
    }
    graph.addNode(n);
    return out;
  }

  private void identity(String value, String name) {
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType("Identity")
            .setName(fresh("n_Identity"))
            .addInput(value)
            .addOutput(name));
  }

  private void input(String name, TensorProto.DataType type, List<Object> dims) {
    graph.addInput(valueInfo(name, type, dims));
  }

  private void output(String name, TensorProto.DataType type, List<Object> dims) {
    graph.addOutput(valueInfo(name, type, dims));
  }

  private static AttributeProto attribute(String name, Object value) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    if (value instanceof Long l) {
      a.setType(AttributeProto.AttributeType.INT).setI(l);
    } else if (value instanceof Float f) {
      a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
    } else if (value instanceof long[] ls) {
      a.setType(AttributeProto.AttributeType.INTS);
      for (long l : ls) {
        a.addInts(l);
      }
    } else {
      throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
    }
    return a.build();
  }

  private static ValueInfoProto valueInfo(
      String name, TensorProto.DataType type, List<Object> dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String s) {
        dim.setDimParam(s);
      } else {
        dim.setDimValue(((Number) d).longValue());
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  static List<String> pastNames(int layers) {
    List<String> names = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      names.add("past_k_" + l);
      names.add("past_v_" + l);
    }
    return names;
  }
}
