package io.glyphwright.diffusion.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder over the ONNX protobuf classes: named inputs and outputs with symbolic or fixed
 * dimensions, float and int64 initializers, and nodes whose output names are made unique. Not
 * thread-safe; one graph per instance.
 */
public final class OnnxGraph {
  /** The opset the exported graphs use (ONNX 1.12; every operator used is stable since). */
  public static final int OPSET = 17;

  /** ONNX IR version matching {@link #OPSET}. */
  public static final int IR_VERSION = 8;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** A graph with the given name. */
  public OnnxGraph(String name) {
    graph.setName(name);
  }

  /**
   * Declares a graph input.
   *
   * @param dims each a {@link Long} (fixed) or a {@link String} (symbolic)
   */
  public String input(String name, TensorProto.DataType type, List<Object> dims) {
    graph.addInput(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output; {@code value} is renamed to {@code name} through an Identity. */
  public void output(String name, String value, TensorProto.DataType type, List<Object> dims) {
    graph.addNode(NodeProto.newBuilder().setOpType("Identity").addInput(value).addOutput(name));
    graph.addOutput(valueInfo(name, type, dims));
  }

  /** A float initializer holding {@code values} with shape {@code dims}. */
  public String floats(String hint, float[] values, long... dims) {
    String name = fresh(hint);
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    t.setRawData(com.google.protobuf.ByteString.copyFrom(buf.array()));
    graph.addInitializer(t);
    return name;
  }

  /** A 1-D int64 initializer. */
  public String longs(String hint, long... values) {
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

  /** A float scalar initializer. */
  public String scalar(String hint, float value) {
    return floats(hint, new float[] {value});
  }

  /**
   * Adds a node with one output and returns that output's name.
   *
   * @param attributes alternating names and values ({@link Long}, {@link Float}, {@link String},
   *     {@code long[]} or {@code float[]})
   */
  public String node(String op, List<String> inputs, Object... attributes) {
    String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
    node(op, inputs, List.of(out), attributes);
    return out;
  }

  /** Adds a node with several outputs, named by the caller. */
  public void node(String op, List<String> inputs, List<String> outputs, Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    NodeProto.Builder n =
        NodeProto.newBuilder().setOpType(op).setName(fresh("n_" + op)).addAllInput(inputs);
    n.addAllOutput(outputs);
    for (int i = 0; i < attributes.length; i += 2) {
      n.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
    }
    graph.addNode(n);
  }

  /** A fresh value name starting with {@code hint}. */
  public String fresh(String hint) {
    int k = counters.merge(hint, 1, Integer::sum);
    return hint + "_" + k;
  }

  /** Adds a {@code metadata_props} entry to the model. */
  public void metadata(String key, String value) {
    metadata.put(key, value);
  }

  /** The finished model. */
  public ModelProto toModel(String producer) {
    ModelProto.Builder m =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName(producer)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph);
    metadata.forEach(
        (k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return m.build();
  }

  private static AttributeProto attribute(String name, Object value) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    if (value instanceof Long l) {
      a.setType(AttributeProto.AttributeType.INT).setI(l);
    } else if (value instanceof Integer i) {
      a.setType(AttributeProto.AttributeType.INT).setI(i);
    } else if (value instanceof Float f) {
      a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
    } else if (value instanceof String s) {
      a.setType(AttributeProto.AttributeType.STRING)
          .setS(com.google.protobuf.ByteString.copyFromUtf8(s));
    } else if (value instanceof long[] ls) {
      a.setType(AttributeProto.AttributeType.INTS);
      for (long l : ls) {
        a.addInts(l);
      }
    } else if (value instanceof float[] fs) {
      a.setType(AttributeProto.AttributeType.FLOATS);
      for (float f : fs) {
        a.addFloats(f);
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
}
