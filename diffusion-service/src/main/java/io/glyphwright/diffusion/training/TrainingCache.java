package io.glyphwright.diffusion.training;

import ai.onnxruntime.OrtException;
import io.glyphwright.core.AtomicFiles;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.synth.ColorNames;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.sampling.PromptText;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import io.glyphwright.diffusion.text.EncoderModel;
import io.glyphwright.diffusion.text.PromptEncoder;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corpus prepared once for training, so that the training loop does no decoding, rendering or
 * text encoding (and never runs ONNX Runtime next to DJL): for each sample, its image and its glyph
 * mask at {@code side × side} and two embeddings of its caption.
 *
 * <p>Files: {@code cache-<side>.bin} holds fixed-size records — RGB planes ({@code 3·side²} bytes),
 * the mask ({@code side²} bytes, 255 = ink), then two prompts of {@value PromptEncoder#WIDTH}
 * little-endian floats each (the masked mean of the token embeddings, which is all a
 * FiLM-conditioned UNet sees of a prompt): the caption as written, and the caption naming its
 * background colour ({@link #namingBackground}); both after the run's {@link PromptText}. {@code
 * cache-<side>.json} holds the keys, captions and a fingerprint of the corpus files and of the
 * prompt text. A cache whose fingerprint does not match is rebuilt. Non-square images are
 * centre-cropped to a square first (mask likewise).
 */
public final class TrainingCache implements Closeable {
  /** Bumped whenever the record layout or the preparation changes. */
  public static final int VERSION = 2;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int side;
  private final List<String> keys;
  private final List<String> captions;
  private final FileChannel channel;
  private final int recordBytes;

  private TrainingCache(int side, List<String> keys, List<String> captions, FileChannel channel) {
    this.side = side;
    this.keys = List.copyOf(keys);
    this.captions = List.copyOf(captions);
    this.channel = channel;
    this.recordBytes = recordBytes(side);
  }

  static int recordBytes(int side) {
    return 4 * side * side + 2 * 4 * PromptEncoder.WIDTH;
  }

  /**
   * Opens the cache of {@code corpus} at {@code side} in {@code dir}, building it first when it is
   * missing or stale.
   *
   * @param progress told one line now and then while building
   */
  public static TrainingCache openOrBuild(
      Path corpus,
      Path dir,
      int side,
      int maxTokens,
      PromptText promptText,
      Consumer<String> progress)
      throws IOException {
    return openOrBuild(corpus, dir, side, maxTokens, promptText, 0, progress);
  }

  /**
   * Opens the cache of {@code corpus} at {@code side} in {@code dir}, building it first when it is
   * missing or stale.
   *
   * @param namingMinShare which colour the naming prompt names ({@link #namedColour}): 0 for the
   *     corpus's recorded background colour, above 0 for the colour the image shows away from its
   *     text when that colour covers at least this share of it
   * @param progress told one line now and then while building
   */
  public static TrainingCache openOrBuild(
      Path corpus,
      Path dir,
      int side,
      int maxTokens,
      PromptText promptText,
      double namingMinShare,
      Consumer<String> progress)
      throws IOException {
    checkNamingMinShare(namingMinShare);
    Files.createDirectories(dir);
    Path bin = dir.resolve("cache-" + side + ".bin");
    Path meta = dir.resolve("cache-" + side + ".json");
    String fingerprint = fingerprint(corpus, side, maxTokens, promptText, namingMinShare);
    if (Files.isRegularFile(bin) && Files.isRegularFile(meta)) {
      Map<?, ?> m = JSON.readValue(meta.toFile(), Map.class);
      if (fingerprint.equals(m.get("fingerprint"))) {
        return open(bin, side, m);
      }
      progress.accept("training cache " + bin + " is stale; rebuilding");
    }
    build(corpus, bin, meta, side, maxTokens, promptText, namingMinShare, fingerprint, progress);
    return open(bin, side, JSON.readValue(meta.toFile(), Map.class));
  }

  private static TrainingCache open(Path bin, int side, Map<?, ?> meta) throws IOException {
    List<String> keys = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (Object k : (List<?>) meta.get("keys")) {
      keys.add((String) k);
    }
    for (Object c : (List<?>) meta.get("captions")) {
      captions.add((String) c);
    }
    FileChannel ch = FileChannel.open(bin, StandardOpenOption.READ);
    if (ch.size() != (long) keys.size() * recordBytes(side)) {
      ch.close();
      throw new IOException(
          bin + " has " + ch.size() + " bytes, expected " + keys.size() + " records");
    }
    return new TrainingCache(side, keys, captions, ch);
  }

  private static void build(
      Path corpus,
      Path bin,
      Path meta,
      int side,
      int maxTokens,
      PromptText promptText,
      double namingMinShare,
      String fingerprint,
      Consumer<String> progress)
      throws IOException {
    GlyphRenderer renderer = GlyphRenderer.system();
    List<String> keys = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    int skipped = 0;
    int named = 0;
    long start = System.nanoTime();
    long lastReport = start;
    // The records go to a temporary file beside the cache (AtomicFiles), forced to disk and renamed
    // over it only when whole: a crashed or failed build leaves the old cache, never half of one.
    Path tmp = AtomicFiles.tempFor(bin);
    try {
      int workers = Runtime.getRuntime().availableProcessors();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers,
              task -> {
                Thread t = new Thread(task, "training-cache");
                t.setDaemon(true);
                return t;
              });
      // Each worker decodes, renders and embeds one sample; records are written in corpus order.
      try (PromptEncoder encoder = PromptEncoder.create(maxTokens, 1);
          CorpusReader reader = CorpusReader.open(corpus);
          FileOutputStream file = new FileOutputStream(tmp.toFile());
          OutputStream out = new BufferedOutputStream(file, 1 << 20)) {
        Deque<Future<Prepared>> window = new ArrayDeque<>();
        while (reader.hasNext() || !window.isEmpty()) {
          while (reader.hasNext() && window.size() < 4 * workers) {
            CorpusRecord r = reader.next();
            window.add(
                pool.submit(() -> prepare(r, renderer, encoder, side, promptText, namingMinShare)));
          }
          Prepared p = await(window.poll());
          if (p.skipReason() != null) {
            skipped++;
            progress.accept("skipping " + p.key() + ": " + p.skipReason());
            continue;
          }
          out.write(p.record());
          if (p.named() != null) {
            named++;
          }
          keys.add(p.key());
          captions.add(p.caption());
          long now = System.nanoTime();
          if (now - lastReport > 10_000_000_000L) {
            lastReport = now;
            progress.accept(
                String.format(
                    java.util.Locale.ROOT,
                    "preparing training data: %d samples (%.1f/s)",
                    keys.size(),
                    keys.size() / ((now - start) / 1e9)));
          }
        }
        out.flush();
        file.getFD().sync();
      } finally {
        pool.shutdownNow();
      }
      if (keys.isEmpty()) {
        throw new IOException("the corpus " + corpus + " has no usable samples");
      }
      AtomicFiles.publish(tmp, bin);
    } finally {
      Files.deleteIfExists(tmp);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("side", side);
    m.put("fingerprint", fingerprint);
    m.put("skipped", skipped);
    m.put("namedBackgrounds", named);
    m.put("keys", keys);
    m.put("captions", captions);
    AtomicFiles.write(meta, JSON.writeValueAsBytes(m));
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "prepared %d samples (%d skipped; background colour named for %d) in %.1f s",
            keys.size(),
            skipped,
            named,
            (System.nanoTime() - start) / 1e9));
  }

  /** One prepared record, or why the sample was left out. */
  private record Prepared(
      String key, String caption, String named, byte[] record, String skipReason) {}

  private static Prepared prepare(
      CorpusRecord r,
      GlyphRenderer renderer,
      PromptEncoder encoder,
      int side,
      PromptText promptText,
      double namingMinShare)
      throws IOException {
    CorpusSample s = r.sample();
    BufferedImage mask;
    try {
      mask = GlyphMasks.forSample(s, renderer);
    } catch (RuntimeException e) {
      // A face missing on this machine, or a layout the renderer refuses: leave the sample out.
      return new Prepared(s.key(), s.caption(), null, null, e.getMessage());
    }
    ByteBuffer record = ByteBuffer.allocate(recordBytes(side)).order(ByteOrder.LITTLE_ENDIAN);
    BufferedImage image = r.decodeImage();
    putPlanes(record, rgbPlanes(image), 3, side);
    putPlanes(record, grayPlane(mask), 1, side);
    String written = s.caption();
    String colour =
        namedColour(
            s.background() == null ? null : s.background().color(), image, mask, namingMinShare);
    String named = colour == null ? written : namingBackground(written, colour);
    try {
      float[] asWritten = pooled(encoder.encode(promptText.apply(written)));
      float[] naming =
          named.equals(written) ? asWritten : pooled(encoder.encode(promptText.apply(named)));
      for (float v : asWritten) {
        record.putFloat(v);
      }
      for (float v : naming) {
        record.putFloat(v);
      }
    } catch (ModelLoadException | OrtException e) {
      throw new IOException("cannot embed the caption of " + s.key() + ": " + e.getMessage(), e);
    }
    return new Prepared(s.key(), s.caption(), colour, record.array(), null);
  }

  /**
   * {@code share} when it lies in [0, 1].
   *
   * @throws IllegalArgumentException saying what it is and its range
   */
  static double checkNamingMinShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the share of the background a named colour must cover must be in [0, 1], got " + share);
    }
    return share;
  }

  /** The margin around the text the colour judge leaves out, in pixels of a 256-pixel image. */
  static final int NAMING_MARGIN_AT_256 = 3;

  /**
   * The colour a naming prompt names for a sample, or null for none. With {@code minShare} 0 it is
   * {@code recorded}, the corpus's background colour (null when it has none). Above 0 it is what
   * the image shows away from its text the way the colour judge sees it (the {@link ColorNames}
   * name most pixels farther than the judge's margin from the glyph ink are nearest to, every
   * fourth pixel), and only when that name covers at least {@code minShare} of them: a caption then
   * names a background only where one colour clearly is the background, so that a colour word is
   * learnt from backgrounds of that colour rather than from gradients and photos it merely leads.
   */
  static String namedColour(
      String recorded, BufferedImage image, BufferedImage mask, double minShare) {
    if (minShare <= 0) {
      return recorded;
    }
    BufferedImage m = mask;
    if (mask.getWidth() != image.getWidth() || mask.getHeight() != image.getHeight()) {
      m = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
      java.awt.Graphics2D g = m.createGraphics();
      g.drawImage(mask, 0, 0, image.getWidth(), image.getHeight(), null);
      g.dispose();
    }
    int margin =
        (int)
            Math.round(
                NAMING_MARGIN_AT_256 * Math.max(image.getWidth(), image.getHeight()) / 256.0);
    ColorNames.AwayFromInk away = ColorNames.dominantAwayFromInk(image, m, margin, 4);
    return away.counted() > 0 && away.share() >= minShare ? away.name().en() : null;
  }

  private static Prepared await(Future<Prepared> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while preparing the training data", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
  }

  /** Masked mean of the prompt's tokens; zeros for no prompt. */
  static float[] pooled(TextEmbedding e) {
    float[] p = new float[e.dim()];
    int n = 0;
    for (int k = 0; k < e.length(); k++) {
      if (e.mask()[k] > 0) {
        n++;
        for (int i = 0; i < e.dim(); i++) {
          p[i] += e.tokens()[k * e.dim() + i];
        }
      }
    }
    if (n > 0) {
      for (int i = 0; i < p.length; i++) {
        p[i] /= n;
      }
    }
    return p;
  }

  /** The largest centred square, as planar floats 0..255. */
  static float[] rgbPlanes(BufferedImage img) {
    int s = Math.min(img.getWidth(), img.getHeight());
    int x0 = (img.getWidth() - s) / 2;
    int y0 = (img.getHeight() - s) / 2;
    int[] argb = img.getRGB(x0, y0, s, s, null, 0, s);
    float[] planes = new float[3 * s * s];
    for (int p = 0; p < s * s; p++) {
      planes[p] = (argb[p] >> 16) & 0xFF;
      planes[s * s + p] = (argb[p] >> 8) & 0xFF;
      planes[2 * s * s + p] = argb[p] & 0xFF;
    }
    return planes;
  }

  static float[] grayPlane(BufferedImage gray) {
    int s = Math.min(gray.getWidth(), gray.getHeight());
    int x0 = (gray.getWidth() - s) / 2;
    int y0 = (gray.getHeight() - s) / 2;
    int[] v = gray.getRaster().getSamples(x0, y0, s, s, 0, (int[]) null);
    float[] plane = new float[s * s];
    for (int p = 0; p < plane.length; p++) {
      plane[p] = v[p];
    }
    return plane;
  }

  private static void putPlanes(ByteBuffer out, float[] planes, int channels, int side) {
    int s = (int) Math.round(Math.sqrt(planes.length / (double) channels));
    float[] r = s == side ? planes : Resampling.area(planes, channels, s, s, side, side);
    for (float v : r) {
      out.put((byte) Math.max(0, Math.min(255, Math.round(v))));
    }
  }

  private static String fingerprint(
      Path corpus, int side, int maxTokens, PromptText promptText, double namingMinShare)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("v")
        .append(VERSION)
        .append(" side ")
        .append(side)
        .append(" tokens ")
        .append(maxTokens)
        .append(" prompt ")
        .append(promptText.id());
    if (namingMinShare > 0) {
      // Absent for 0, so that caches built before the option stay valid.
      sb.append(" naming-share ").append(namingMinShare);
    }
    List<Path> tars = Files.isDirectory(corpus) ? CorpusReader.shards(corpus) : List.of(corpus);
    for (Path t : tars) {
      sb.append(' ')
          .append(t.getFileName())
          .append(':')
          .append(Files.size(t))
          .append(':')
          .append(Files.getLastModifiedTime(t).toMillis());
    }
    return sb.toString();
  }

  /** Number of samples. */
  public int size() {
    return keys.size();
  }

  /** Side of the stored images. */
  public int side() {
    return side;
  }

  public String key(int i) {
    return keys.get(i);
  }

  public String caption(int i) {
    return captions.get(i);
  }

  /**
   * {@code caption} naming the background colour {@code colour} (an English name of {@link
   * ColorNames}): unchanged when it already names it (the English name as a word, or the Chinese
   * name in a Chinese caption), else with {@code , on a <colour> background} or {@code ，<颜色>背景}
   * added. An unknown colour name leaves the caption unchanged.
   */
  static String namingBackground(String caption, String colour) {
    ColorNames.Named name =
        ColorNames.ALL.stream().filter(n -> n.en().equals(colour)).findFirst().orElse(null);
    if (name == null) {
      return caption;
    }
    if (PromptEncoder.modelFor(caption) == EncoderModel.BGE_SMALL_ZH) {
      return caption.contains(name.zh()) ? caption : caption + "，" + name.zh() + "背景";
    }
    Pattern word =
        Pattern.compile(
            "(?<![\\p{L}])" + Pattern.quote(name.en()) + "(?![\\p{L}])", Pattern.CASE_INSENSITIVE);
    return word.matcher(caption).find() ? caption : caption + ", on a " + name.en() + " background";
  }

  /** Reads sample {@code i}: RGB planes, mask and the caption as written into the arrays. */
  public void read(int i, byte[] rgb, byte[] mask, float[] text) {
    read(i, rgb, mask, text, false);
  }

  /**
   * Reads sample {@code i}: RGB planes, mask and a pooled prompt into the given arrays.
   *
   * @param namingBackground the caption naming its background colour instead of as written
   */
  public void read(int i, byte[] rgb, byte[] mask, float[] text, boolean namingBackground) {
    ByteBuffer buf = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      long pos = (long) i * recordBytes;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos + buf.position());
        if (n < 0) {
          throw new IOException("unexpected end of the training cache at record " + i);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buf.flip();
    buf.get(rgb, 0, 3 * side * side);
    buf.get(mask, 0, side * side);
    if (namingBackground) {
      buf.position(buf.position() + 4 * PromptEncoder.WIDTH);
    }
    buf.asFloatBuffer().get(text, 0, PromptEncoder.WIDTH);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
