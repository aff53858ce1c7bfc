package io.glyphwright.layout.lm;

import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A layout model package on disk: {@code model.json} (DESIGN.md's model package: name, kind,
 * format, files with sha256, inputs and outputs, how it was trained, measured metrics) and the
 * weights file it lists, which carries the architecture and the vocabulary in its header.
 *
 * <p>Loading checks every listed file's sha256 before reading it; a file that does not match is
 * refused with a message that names it.
 */
public final class LayoutLmPackage {
  public static final String KIND = "layout-lm";
  public static final String FORMAT = "glyphwright-tensors-v1";
  public static final String MODEL_JSON = "model.json";
  public static final String WEIGHTS = "weights.bin";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LayoutLmPackage() {}

  /** What a package holds, in memory. */
  record Contents(LayoutLmConfig config, LayoutTokenizer tokenizer, Map<String, Tensor> weights) {}

  /**
   * Writes the weights file with its header (config, vocabulary).
   *
   * @return the file's sha256
   */
  static String writeWeights(
      Path file, LayoutLmConfig config, LayoutTokenizer tokenizer, Map<String, Tensor> weights)
      throws IOException {
    LayoutLmWeights.check(config, weights);
    TensorFile.write(file, header(config, tokenizer).toString(), weights);
    return sha256(file);
  }

  static ObjectNode header(LayoutLmConfig config, LayoutTokenizer tokenizer) {
    ObjectNode h = JSON.createObjectNode();
    h.put("kind", KIND);
    h.set("config", config.toJson());
    ArrayNode vocab = h.putArray("vocab");
    tokenizer.codePoints().forEach(vocab::add);
    return h;
  }

  /**
   * Reads a weights file (no hash check: see {@link #load(Path)}).
   *
   * @throws IOException when the file is unreadable or its header and tensors disagree
   */
  static Contents readWeights(Path file) throws IOException {
    TensorFile.Contents c = TensorFile.read(file);
    try {
      JsonNode h = JSON.readTree(c.header());
      if (!KIND.equals(h.path("kind").asString(""))) {
        throw new IOException(file + " does not hold a layout model");
      }
      LayoutLmConfig config = LayoutLmConfig.fromJson(h.get("config"));
      List<Integer> cps = new ArrayList<>();
      for (JsonNode n : h.path("vocab")) {
        cps.add(n.intValue());
      }
      LayoutTokenizer tokenizer = new LayoutTokenizer(cps);
      if (tokenizer.vocabSize() != config.vocabSize()) {
        throw new IOException(
            file
                + ": the vocabulary has "
                + tokenizer.vocabSize()
                + " tokens, the config "
                + config.vocabSize());
      }
      LayoutLmWeights.check(config, c.tensors());
      return new Contents(config, tokenizer, c.tensors());
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IOException(file + " is not a valid layout model: " + e.getMessage(), e);
    }
  }

  /**
   * Reads and verifies a package folder.
   *
   * @throws IOException with a message that names the folder or file and says what to do: no
   *     model.json, a kind other than {@code layout-lm}, a listed file missing, or a file whose
   *     sha256 differs from the one model.json lists
   */
  static Contents load(Path dir) throws IOException {
    JsonNode meta = readModelJson(dir);
    Path weights = null;
    JsonNode files = meta.path("files");
    if (!files.isArray() || files.isEmpty()) {
      throw new IOException(dir.resolve(MODEL_JSON) + " lists no files");
    }
    for (JsonNode f : files) {
      String name = f.path("path").asString("");
      String expected = f.path("sha256").asString("");
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IOException(
            dir.resolve(MODEL_JSON) + " lists a file '" + name + "' outside the package folder");
      }
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new IOException(
            "layout model file "
                + file
                + " is missing: restore the package or train one with ./glyphwright train layout");
      }
      String actual = sha256(file);
      if (!actual.equalsIgnoreCase(expected)) {
        throw new IOException(
            "layout model file "
                + file
                + " has sha256 "
                + actual
                + " but "
                + MODEL_JSON
                + " lists "
                + (expected.isEmpty() ? "none" : expected)
                + ": the file is damaged or was changed; restore it (git checkout) or retrain");
      }
      if (name.equals(meta.path("weights").asString(WEIGHTS))) {
        weights = file;
      }
    }
    if (weights == null) {
      throw new IOException(dir.resolve(MODEL_JSON) + " does not list its weights file");
    }
    return readWeights(weights);
  }

  static JsonNode readModelJson(Path dir) throws IOException {
    Path json = dir.resolve(MODEL_JSON);
    JsonNode meta;
    try {
      meta = JSON.readTree(Files.readString(json, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new IOException(
          "no layout model at "
              + dir
              + " ("
              + MODEL_JSON
              + " is missing): train one with ./glyphwright train layout --data CORPUS --out "
              + dir,
          e);
    } catch (JacksonException e) {
      throw new IOException(json + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!KIND.equals(meta.path("kind").asString(""))) {
      throw new IOException(
          json + " is a '" + meta.path("kind").asString("") + "' package, not a " + KIND);
    }
    return meta;
  }

  /**
   * Writes {@code model.json} for a package folder whose weights file is already there.
   *
   * @param training how it was trained (command, steps, data, time, loss)
   * @param metrics measured figures, or an empty object
   */
  static void writeModelJson(
      Path dir,
      String name,
      LayoutLmConfig config,
      LayoutTokenizer tokenizer,
      ObjectNode training,
      ObjectNode metrics)
      throws IOException {
    Path weights = dir.resolve(WEIGHTS);
    ObjectNode m = JSON.createObjectNode();
    m.put("name", name);
    m.put("kind", KIND);
    m.put("format", FORMAT);
    m.put(
        "engine",
        "trained with DJL (PyTorch, CPU); runs on ONNX Runtime (a graph exported from the weights"
            + " at load) or DJL");
    m.put("weights", WEIGHTS);
    ArrayNode files = m.putArray("files");
    ObjectNode f = files.addObject();
    f.put("path", WEIGHTS);
    f.put("sha256", sha256(weights));
    f.put("bytes", Files.size(weights));
    ObjectNode arch = config.toJson();
    arch.put("parameters", config.parameterCount());
    arch.put(
        "type",
        "decoder-only transformer: pre-norm blocks, learned positions, GELU feed-forward,"
            + " output tied to the token embedding");
    m.set("architecture", arch);
    ObjectNode tok = m.putObject("tokenizer");
    tok.put(
        "type",
        "characters (one token per code point seen in training), UTF-8 byte fallback for any"
            + " other character, one token per grid coordinate 0..128; specials PAD BOS SEP EOS");
    tok.put("characters", tokenizer.codePoints().size());
    tok.put("vocab_size", tokenizer.vocabSize());
    ArrayNode inputs = m.putArray("inputs");
    ObjectNode in = inputs.addObject();
    in.put("name", "tokens");
    in.put("type", "int64");
    in.putArray("shape").add("batch").add("n");
    in.put("note", "BOS, the cleaned prompt's tokens, SEP, then the layout tokens so far");
    ArrayNode outputs = m.putArray("outputs");
    ObjectNode out = outputs.addObject();
    out.put("name", "logits");
    out.put("type", "float32");
    out.putArray("shape").add("batch").add("n").add(config.vocabSize());
    m.put("grid", LayoutTokenizer.GRID);
    m.put("resolution", "any canvas: boxes are on the 128 grid");
    m.put("conditioning", "the prompt, as characters");
    m.put(
        "output_format",
        "TD2: '<text> l,t,r,b' per line; decoded under a grammar (required texts verbatim, boxes"
            + " on the grid with l<r and t<b)");
    m.set("training", training);
    m.set("metrics", metrics);
    m.put("licence", "Apache-2.0 (trained here, from scratch, on Glyphwright's synthetic corpus)");
    Files.writeString(
        dir.resolve(MODEL_JSON),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n",
        StandardCharsets.UTF_8);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonMapper json() {
    return JSON;
  }
}
