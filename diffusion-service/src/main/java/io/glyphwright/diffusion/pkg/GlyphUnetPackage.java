package io.glyphwright.diffusion.pkg;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.diffusion.onnx.ExecutionProvider;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.PromptText;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import io.glyphwright.diffusion.sampling.TimestepSpacing;
import io.glyphwright.diffusion.text.EncoderModel;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A glyph UNet model package: a folder {@code models/<name>/} holding {@code model.json} and {@code
 * unet.onnx}, and optionally {@code training.log} and {@code samples/*.png}.
 *
 * <p>{@code model.json} lists every other file with its sha256 and size; {@link #load} checks them
 * all before anything is used, so a changed, truncated or missing file is refused with one line
 * that names it. It also holds the {@link DenoiserSpec} (under {@code denoiser}) from which the
 * sampler is rebuilt, the network's inputs and outputs, the resolution it was trained at, its
 * conditioning, how it was trained, measured metrics and its licence. See {@code
 * docs/GENERATION.md}.
 *
 * <p>Immutable; a loaded package is a snapshot of the folder at load time.
 */
public final class GlyphUnetPackage {
  public static final String KIND = "glyph-unet";
  public static final String FORMAT = "onnx";
  public static final String MODEL_JSON = "model.json";
  public static final String ONNX = "unet.onnx";
  public static final String TRAINING_LOG = "training.log";
  public static final String SAMPLES = "samples";
  public static final String LICENCE = "Apache-2.0 (weights trained by this project)";

  /** The package {@link #find()} looks for under {@code models/}. */
  public static final String DEFAULT_PACKAGE = "glyph-unet-s";

  /** System property naming the package folder. */
  public static final String PROPERTY = "glyphwright.unet.model";

  /** Environment variable naming the package folder (when the property is not set). */
  public static final String ENV = "GLYPHWRIGHT_UNET_MODEL";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String REMEDY = "retrain or restore it";

  private final Path dir;
  private final ObjectNode json;
  private final DenoiserSpec spec;
  private final int resolution;
  private final String onnxSha256;

  private GlyphUnetPackage(
      Path dir, ObjectNode json, DenoiserSpec spec, int resolution, String onnxSha256) {
    this.dir = dir;
    this.json = json;
    this.spec = spec;
    this.resolution = resolution;
    this.onnxSha256 = onnxSha256;
  }

  // ---- finding ----

  /**
   * The package folder to use, if one is configured or found: the system property {@value
   * #PROPERTY}, else the environment variable {@value #ENV}, else {@code models/}{@value
   * #DEFAULT_PACKAGE} (a folder with a {@code model.json}) in the working folder or any folder
   * above it, else in a folder above the Glyphwright jar or classes. A configured folder is
   * returned as is, whether or not it exists ({@link #load} then says what is wrong with it).
   */
  public static Optional<Path> find() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    Optional<Path> fromCwd = searchUp(Path.of("").toAbsolutePath());
    if (fromCwd.isPresent()) {
      return fromCwd;
    }
    try {
      Path code =
          Path.of(
              GlyphUnetPackage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return searchUp(code.toAbsolutePath());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** {@code models/}{@value #DEFAULT_PACKAGE} in {@code start} or the nearest folder above it. */
  static Optional<Path> searchUp(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      Path candidate = d.resolve("models").resolve(DEFAULT_PACKAGE);
      if (Files.isRegularFile(candidate.resolve(MODEL_JSON))) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  // ---- loading ----

  /**
   * Reads and verifies a package: {@code model.json} must be valid JSON of kind {@value #KIND} and
   * format {@value #FORMAT}, list {@value #ONNX}, and every listed file must exist with the listed
   * size and sha256.
   *
   * @throws ModelPackageException naming the file and what is wrong with it
   * @throws IOException if a file cannot be read
   */
  public static GlyphUnetPackage load(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Path jsonFile = dir.resolve(MODEL_JSON);
    if (!Files.isDirectory(dir)) {
      throw new ModelPackageException(
          dir + ": no such model package folder; train one or set " + ENV);
    }
    String text;
    try {
      text = Files.readString(jsonFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelPackageException(
          jsonFile + ": missing: the package is incomplete; " + REMEDY, e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new ModelPackageException(
          jsonFile
              + ": not valid JSON ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + "): the file was truncated or damaged; "
              + REMEDY,
          e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelPackageException(
          jsonFile + ": not a JSON object: the file was truncated or damaged; " + REMEDY);
    }
    ObjectNode json = (ObjectNode) root;
    String kind = json.path("kind").asString("");
    if (!KIND.equals(kind)) {
      throw new ModelPackageException(
          jsonFile
              + ": kind is '"
              + kind
              + "', not '"
              + KIND
              + "': this folder holds another kind of model");
    }
    String format = json.path("format").asString("");
    if (!FORMAT.equals(format)) {
      throw new ModelPackageException(
          jsonFile + ": format is '" + format + "', not '" + FORMAT + "'");
    }
    String onnxSha = null;
    JsonNode files = json.path("files");
    if (!files.isArray()) {
      throw new ModelPackageException(jsonFile + ": lists no files; " + REMEDY);
    }
    for (JsonNode f : files) {
      String path = f.path("path").asString("");
      String expectedSha = f.path("sha256").asString("").toLowerCase(Locale.ROOT);
      long expectedBytes = f.path("bytes").asLong(-1);
      if (path.isEmpty() || expectedSha.length() != 64 || expectedBytes < 0) {
        throw new ModelPackageException(
            jsonFile + ": a files entry lacks its path, sha256 or bytes: " + f + "; " + REMEDY);
      }
      Path file = dir.resolve(path).normalize();
      if (!file.startsWith(dir.normalize()) || Path.of(path).isAbsolute()) {
        throw new ModelPackageException(
            jsonFile + ": file path '" + path + "' leaves the package folder");
      }
      Path shown = dir.resolve(path);
      if (!Files.isRegularFile(file)) {
        throw new ModelPackageException(shown + ": missing: the package is incomplete; " + REMEDY);
      }
      long bytes = Files.size(file);
      if (bytes != expectedBytes) {
        throw new ModelPackageException(
            shown
                + ": "
                + bytes
                + " bytes, expected "
                + expectedBytes
                + ": the file was truncated or changed; "
                + REMEDY);
      }
      String sha = sha256(file);
      if (!sha.equals(expectedSha)) {
        throw new ModelPackageException(
            shown
                + ": sha256 mismatch (expected "
                + expectedSha
                + ", found "
                + sha
                + "): the file was changed or damaged; "
                + REMEDY);
      }
      if (path.equals(ONNX)) {
        onnxSha = sha;
      }
    }
    if (onnxSha == null) {
      throw new ModelPackageException(jsonFile + ": does not list " + ONNX + "; " + REMEDY);
    }
    DenoiserSpec spec;
    try {
      spec = specFromJson(json.path("denoiser"));
    } catch (IllegalArgumentException e) {
      throw new ModelPackageException(jsonFile + ": denoiser: " + e.getMessage(), e);
    }
    int resolution = json.path("resolution").asInt(-1);
    if (resolution < 1 || resolution % spec.sizeMultiple() != 0) {
      throw new ModelPackageException(
          jsonFile
              + ": resolution must be a positive multiple of "
              + spec.sizeMultiple()
              + ", it is "
              + json.path("resolution"));
    }
    return new GlyphUnetPackage(dir, json, spec, resolution, onnxSha);
  }

  // ---- writing ----

  /**
   * {@link #write(Path, Path, DenoiserSpec, Map, Map, Path, List)} without sample images.
   *
   * @throws ModelPackageException if the ONNX file does not fit the spec, or the training map does
   *     not say the resolution
   */
  public static void write(
      Path outDir,
      Path onnxFile,
      DenoiserSpec spec,
      Map<String, Object> training,
      Map<String, Object> metrics,
      Path trainingLog)
      throws IOException {
    write(outDir, onnxFile, spec, training, metrics, trainingLog, List.of());
  }

  /**
   * Writes a package to {@code outDir} (its last name is the package name): copies the ONNX file to
   * {@value #ONNX}, the training log (may be null) to {@value #TRAINING_LOG}, the samples (PNG
   * files) to {@value #SAMPLES}{@code /}, and writes {@code model.json} with their hashes.
   *
   * <p>The ONNX file is first opened on ONNX Runtime (CPU) and checked against {@code spec}, so a
   * package is never written for a network the sampler would refuse. The resolution is {@code
   * training.resolution} or, failing that, {@code training.recipe.size} (what {@code
   * UnetTrainer.recipe()} records).
   *
   * <p>Atomic: the package is built in a temporary sibling folder and renamed into place; an
   * existing package at {@code outDir} is renamed aside first and deleted after, so at no time is
   * there a half-written package at {@code outDir}.
   *
   * @throws ModelPackageException if the ONNX file does not fit the spec, or the training map does
   *     not say the resolution
   * @throws IOException if a file cannot be read or written
   */
  public static void write(
      Path outDir,
      Path onnxFile,
      DenoiserSpec spec,
      Map<String, Object> training,
      Map<String, Object> metrics,
      Path trainingLog,
      List<Path> samples)
      throws IOException {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(onnxFile, "onnxFile");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(samples, "samples");
    Path target = outDir.toAbsolutePath().normalize();
    String name = target.getFileName().toString();
    int resolution = resolutionOf(training);
    if (resolution % spec.sizeMultiple() != 0) {
      throw new IllegalArgumentException(
          "resolution " + resolution + " is not a multiple of " + spec.sizeMultiple());
    }
    if (!Files.isRegularFile(onnxFile)) {
      throw new ModelPackageException(onnxFile + ": no such ONNX file");
    }
    if (trainingLog != null && !Files.isRegularFile(trainingLog)) {
      throw new ModelPackageException(trainingLog + ": no such training log");
    }
    for (Path sample : samples) {
      if (!Files.isRegularFile(sample)
          || !sample.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
        throw new ModelPackageException(sample + ": not a PNG file");
      }
    }
    ObjectNode io = ioContract(onnxFile, spec);

    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, "." + name + ".tmp-");
    try {
      List<Path> copied = new ArrayList<>();
      copyForced(onnxFile, temp.resolve(ONNX));
      copied.add(Path.of(ONNX));
      if (trainingLog != null) {
        copyForced(trainingLog, temp.resolve(TRAINING_LOG));
        copied.add(Path.of(TRAINING_LOG));
      }
      if (!samples.isEmpty()) {
        Files.createDirectories(temp.resolve(SAMPLES));
        for (Path sample : samples) {
          Path rel = Path.of(SAMPLES, sample.getFileName().toString());
          copyForced(sample, temp.resolve(rel));
          copied.add(rel);
        }
      }
      ObjectNode json = JSON.createObjectNode();
      json.put("name", name);
      json.put("kind", KIND);
      json.put("format", FORMAT);
      ArrayNode files = json.putArray("files");
      for (Path rel : copied) {
        Path file = temp.resolve(rel);
        files
            .addObject()
            .put("path", rel.toString().replace('\\', '/'))
            .put("sha256", sha256(file))
            .put("bytes", Files.size(file));
      }
      json.set("inputs", io.get("inputs"));
      json.set("outputs", io.get("outputs"));
      json.put("resolution", resolution);
      json.set("conditioning", conditioning(spec));
      json.set("denoiser", specToJson(spec));
      json.set("training", JSON.valueToTree(training));
      json.set("metrics", JSON.valueToTree(metrics == null ? Map.of() : metrics));
      json.put("licence", LICENCE);
      // model.json last, forced like the copies (and the folder synced), so that the folder
      // renamed into place holds whole files even after a crash.
      AtomicFiles.write(temp.resolve(MODEL_JSON), pretty(json).getBytes(StandardCharsets.UTF_8));
      replaceFolder(temp, target);
    } catch (IOException | RuntimeException e) {
      deleteTree(temp, e);
      throw e;
    }
  }

  /**
   * This package with its {@code metrics} replaced by {@code metrics}; only {@code model.json} is
   * rewritten ({@link AtomicFiles}: a temporary file forced to disk, then an atomic rename), so the
   * listed hashes stay valid.
   *
   * @throws IOException if model.json cannot be written
   */
  public GlyphUnetPackage withMetrics(Map<String, Object> metrics) throws IOException {
    Objects.requireNonNull(metrics, "metrics");
    ObjectNode updated = json.deepCopy();
    updated.set("metrics", JSON.valueToTree(metrics));
    Path jsonFile = dir.resolve(MODEL_JSON);
    AtomicFiles.write(jsonFile, pretty(updated).getBytes(StandardCharsets.UTF_8));
    return new GlyphUnetPackage(dir, updated, spec, resolution, onnxSha256);
  }

  // ---- accessors ----

  /** The package name ({@code name} in model.json). */
  public String name() {
    return json.path("name").asString(dir.getFileName().toString());
  }

  /** The package folder. */
  public Path dir() {
    return dir;
  }

  /** The network, {@code dir/unet.onnx} (verified at load). */
  public Path onnx() {
    return dir.resolve(ONNX);
  }

  /** The sha256 of {@link #onnx()}, lower-case hex. */
  public String onnxSha256() {
    return onnxSha256;
  }

  /** What the sampler needs to drive the network. */
  public DenoiserSpec spec() {
    return spec;
  }

  /** The image side in pixels the network was trained at. */
  public int resolution() {
    return resolution;
  }

  /** A copy of model.json. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  @Override
  public String toString() {
    return "GlyphUnetPackage[" + name() + " at " + dir + "]";
  }

  // ---- model.json sections ----

  private static int resolutionOf(Map<String, Object> training) {
    Object value = training.get("resolution");
    if (value == null && training.get("recipe") instanceof Map<?, ?> recipe) {
      value = recipe.get("size");
    }
    if (value instanceof Number number && number.intValue() > 0) {
      return number.intValue();
    }
    throw new IllegalArgumentException(
        "training must say the resolution: a positive 'resolution', or 'recipe' with a"
            + " positive 'size' (UnetTrainer.recipe()), got "
            + value);
  }

  /** Inputs and outputs as the ONNX file really has them, checked against the spec. */
  private static ObjectNode ioContract(Path onnxFile, DenoiserSpec spec)
      throws ModelPackageException {
    OnnxOptions cpu = OnnxOptions.defaults().withProvider(ExecutionProvider.CPU);
    cpu = cpu.withIntraOpThreads(1);
    try (OnnxDenoiser unet = OnnxDenoiser.load(onnxFile, spec, cpu)) {
      int r = spec.unshuffle();
      Object h = unet.fixedHeight() > 0 ? (Object) unet.fixedHeight() : "H/" + r;
      Object w = unet.fixedWidth() > 0 ? (Object) unet.fixedWidth() : "W/" + r;
      ObjectNode io = JSON.createObjectNode();
      ArrayNode inputs = io.putArray("inputs");
      tensor(inputs, OnnxDenoiser.INPUT_SAMPLE, "float32", "batch", spec.modelChannels(), h, w);
      tensor(
          inputs,
          OnnxDenoiser.INPUT_TIMESTEP,
          unet.takesInt64Timesteps() ? "int64" : "float32",
          "batch");
      tensor(inputs, OnnxDenoiser.INPUT_GLYPHS, "float32", "batch", spec.condChannels(), h, w);
      tensor(
          inputs, OnnxDenoiser.INPUT_TEXT, "float32", "batch", spec.textTokens(), spec.textDim());
      tensor(inputs, OnnxDenoiser.INPUT_TEXT_MASK, "float32", "batch", spec.textTokens());
      ArrayNode outputs = io.putArray("outputs");
      tensor(
          outputs,
          spec.scheduler().prediction().outputName(),
          "float32",
          "batch",
          spec.modelChannels(),
          h,
          w);
      return io;
    } catch (ModelLoadException e) {
      throw new ModelPackageException(e.getMessage(), e);
    }
  }

  private static void tensor(ArrayNode list, String name, String type, Object... shape) {
    ObjectNode t = list.addObject();
    t.put("name", name);
    t.put("type", type);
    ArrayNode dims = t.putArray("shape");
    for (Object d : shape) {
      if (d instanceof Number n) {
        dims.add(n.longValue());
      } else {
        dims.add(String.valueOf(d));
      }
    }
  }

  private static ObjectNode conditioning(DenoiserSpec spec) {
    ObjectNode c = JSON.createObjectNode();
    ObjectNode glyphs = c.putObject("glyphs");
    glyphs.put("input", OnnxDenoiser.INPUT_GLYPHS);
    glyphs.put(
        "source", "glyph mask from the glyph renderer at the canvas size, gray/255 (1 = ink)");
    glyphs.put("channels", spec.glyphChannels());
    glyphs.put("pixelUnshuffle", spec.unshuffle());
    ObjectNode prompt = c.putObject("prompt");
    prompt.put("inputs", OnnxDenoiser.INPUT_TEXT + ", " + OnnxDenoiser.INPUT_TEXT_MASK);
    ObjectNode encoders = prompt.putObject("encoders");
    encoders.put("en", encoderId(EncoderModel.MINILM_EN));
    encoders.put("zh", encoderId(EncoderModel.BGE_SMALL_ZH));
    prompt.put("tokens", spec.textTokens());
    prompt.put("width", spec.textDim());
    prompt.put("text", spec.promptText().id());
    c.put(
        "film",
        "the timestep embedding and the masked mean of the prompt tokens scale and shift every"
            + " residual block (FiLM)");
    return c;
  }

  /** {@code all-minilm-l6-v2-q} from {@code /all-minilm-l6-v2-q.onnx}. */
  private static String encoderId(EncoderModel model) {
    String resource = model.modelResource();
    return resource.substring(1, resource.length() - ".onnx".length());
  }

  private static final Pattern SCHEDULE =
      Pattern.compile("(linear|scaled_linear|cosine)\\((\\d+)(?:, ([^,]+), ([^)]+))?\\)");

  static ObjectNode specToJson(DenoiserSpec spec) {
    ObjectNode d = JSON.createObjectNode();
    d.put("imageChannels", spec.imageChannels());
    d.put("unshuffle", spec.unshuffle());
    d.put("glyphChannels", spec.glyphChannels());
    d.put("textTokens", spec.textTokens());
    d.put("textDim", spec.textDim());
    d.put("sizeMultiple", spec.sizeMultiple());
    SchedulerConfig sc = spec.scheduler();
    NoiseSchedule schedule = sc.schedule();
    ObjectNode s = d.putObject("schedule");
    s.put("description", schedule.toString());
    Matcher m = SCHEDULE.matcher(schedule.toString());
    boolean named = false;
    if (m.matches()) {
      double start = m.group(3) == null ? 1e-4 : Double.parseDouble(m.group(3));
      double end = m.group(4) == null ? 0.02 : Double.parseDouble(m.group(4));
      int steps = Integer.parseInt(m.group(2));
      named = NoiseSchedule.named(m.group(1), steps, start, end).equals(schedule);
      if (named) {
        s.put("kind", m.group(1));
        s.put("trainSteps", steps);
        if (m.group(3) != null) {
          s.put("betaStart", start);
          s.put("betaEnd", end);
        }
      }
    }
    if (!named) {
      ArrayNode betas = s.putArray("betas");
      for (double beta : schedule.betas()) {
        betas.add(beta);
      }
    }
    d.put("prediction", sc.prediction().name().toLowerCase(Locale.ROOT));
    d.put("spacing", sc.spacing().name().toLowerCase(Locale.ROOT));
    d.put("clipDenoised", sc.clipDenoised());
    d.put("promptText", spec.promptText().id());
    return d;
  }

  static DenoiserSpec specFromJson(JsonNode d) {
    if (!d.isObject()) {
      throw new IllegalArgumentException("missing");
    }
    JsonNode s = d.path("schedule");
    NoiseSchedule schedule;
    if (s.path("betas").isArray()) {
      double[] betas = new double[s.path("betas").size()];
      for (int i = 0; i < betas.length; i++) {
        betas[i] = s.path("betas").get(i).asDouble();
      }
      schedule = NoiseSchedule.fromBetas(betas);
    } else {
      schedule =
          NoiseSchedule.named(
              required(s, "kind").asString(),
              required(s, "trainSteps").asInt(),
              s.path("betaStart").asDouble(1e-4),
              s.path("betaEnd").asDouble(0.02));
    }
    SchedulerConfig scheduler =
        new SchedulerConfig(
            schedule,
            PredictionType.lookup(required(d, "prediction").asString()),
            TimestepSpacing.lookup(required(d, "spacing").asString()),
            required(d, "clipDenoised").asBoolean());
    return new DenoiserSpec(
        required(d, "imageChannels").asInt(),
        required(d, "unshuffle").asInt(),
        required(d, "glyphChannels").asInt(),
        required(d, "textTokens").asInt(),
        required(d, "textDim").asInt(),
        required(d, "sizeMultiple").asInt(),
        scheduler,
        PromptText.recorded(d.hasNonNull("promptText") ? d.get("promptText").asString() : null));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return v;
  }

  // ---- files ----

  private static String pretty(ObjectNode json) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Copies {@code from} to {@code to} (a new file in the package's temporary folder) and forces the
   * copy to disk, so that the folder renamed into place never holds a file the disk has not got.
   */
  private static void copyForced(Path from, Path to) throws IOException {
    Files.copy(from, to);
    // Opened to append (nothing is written): a java.io stream, which an interrupt does not close
    // halfway as it would a FileChannel.
    try (FileOutputStream out = new FileOutputStream(to.toFile(), true)) {
      out.getFD().sync();
    }
  }

  private static void replaceFolder(Path temp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      moveAtomically(target, old);
    }
    try {
      moveAtomically(temp, target);
    } catch (IOException e) {
      if (old != null) {
        moveAtomically(old, target);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old, null);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path root, Exception cause) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
  }

  /** The files model.json lists, path to sha256, in order. */
  public Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode f : json.path("files")) {
      out.put(f.path("path").asString(""), f.path("sha256").asString(""));
    }
    return out;
  }
}
