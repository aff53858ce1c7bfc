package io.glyphwright.dataset.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardNames;
import io.glyphwright.dataset.build.BuildSettings;
import io.glyphwright.dataset.build.EngineFactory;
import io.glyphwright.dataset.build.EngineHandles;
import io.glyphwright.dataset.build.LocalRunner;
import io.glyphwright.dataset.build.PipelineSettings;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.ocr.OcrException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark runner against the local runner, with real Spark ({@code local[2]}) and the real PP-OCR
 * engine ({@code ./glyphwright setup} installs its models): 12 synthetic posters and four bad
 * inputs, 5 inputs per shard.
 */
class SparkCorpusBuildTest {
  private static final int POSTERS = 12;
  private static final int SHARD_SIZE = 5;
  private static final AtomicInteger OPENS = new AtomicInteger();

  @TempDir static Path tmp;

  private static JavaSparkContext sc;
  private static List<Path> inputs;

  @BeforeAll
  static void start() throws IOException {
    Path posters = tmp.resolve("posters");
    SyntheticCorpus.run(
        SynthSettings.defaults(POSTERS, 5)
            .withShardSize(POSTERS)
            .withPhotoRoots(List.of())
            .withWorkers(2),
        posters,
        GlyphRenderer.system(),
        Progress.silent(POSTERS));
    Path bad = Files.createDirectories(tmp.resolve("bad"));
    Files.write(bad.resolve("a-empty.jpg"), new byte[0]);
    Files.writeString(bad.resolve("a-empty.txt"), "an empty file");
    Files.writeString(bad.resolve("b-text.jpg"), "this is not a picture");
    Files.writeString(bad.resolve("b-text.txt"), "a text file named .jpg");
    Files.write(bad.resolve("c-small.png"), png(100, 100));
    Files.writeString(bad.resolve("c-small.txt"), "a picture too small");
    Files.write(bad.resolve("d-nocaption.png"), png(300, 300));
    inputs = List.of(posters, bad);
    sc = new JavaSparkContext(SparkCorpusBuild.conf("local[2]"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.stop();
    }
  }

  private static byte[] png(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  private static BuildSettings settings(PipelineSettings pipeline) {
    return new BuildSettings(inputs, pipeline, SHARD_SIZE, 2, EngineHandles.Mode.SHARED);
  }

  /** The settings' engine, counting how often one is opened (executors are this JVM). */
  private static EngineFactory counting(PipelineSettings pipeline) {
    EngineFactory real = EngineFactory.of(pipeline);
    return threads -> {
      OPENS.incrementAndGet();
      return real.open(threads);
    };
  }

  /** Two samples per task: 12 tasks in four waves, so the engine is shared across partitions. */
  private static CorpusStats spark(BuildSettings s, Path out) throws IOException {
    return SparkCorpusBuild.run(
        s,
        counting(s.pipeline()),
        out,
        sc,
        Progress::silent,
        new SparkCorpusBuild.Tuning(2, 1, 64L << 20));
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Same files; same samples (keys, texts, quads, boxes, characters, layouts); same bytes. */
  private static void assertSameCorpus(Path expected, Path actual) throws IOException {
    assertEquals(files(expected), files(actual));
    for (String name : files(expected)) {
      if (name.endsWith(".tar")) {
        List<CorpusSample> e = CorpusReader.readSamples(expected.resolve(name));
        List<CorpusSample> a = CorpusReader.readSamples(actual.resolve(name));
        assertEquals(
            e.stream().map(CorpusSample::key).toList(),
            a.stream().map(CorpusSample::key).toList(),
            name);
        for (int i = 0; i < e.size(); i++) {
          assertEquals(e.get(i).ocr(), a.get(i).ocr(), name + " " + e.get(i).key());
          assertEquals(e.get(i).layout(), a.get(i).layout(), name + " " + e.get(i).key());
        }
        assertEquals(e, a, name);
      }
      if (!name.equals(ShardNames.STATS)) {
        assertArrayEquals(
            Files.readAllBytes(expected.resolve(name)),
            Files.readAllBytes(actual.resolve(name)),
            name + " differs");
      }
    }
  }

  private static void deleteShard(Path corpus, int shard) throws IOException {
    Files.delete(corpus.resolve(ShardNames.tar(shard)));
    Files.delete(corpus.resolve(ShardNames.shardStats(shard)));
  }

  @Test
  void sparkWritesTheLocalRunnersCorpusAndResumesEitherRunnersRun() throws IOException {
    PipelineSettings pipeline = PipelineSettings.defaults("ppocr");
    Path local = tmp.resolve("local");
    CorpusStats byLocal = LocalRunner.run(settings(pipeline), local, Progress::silent);

    OPENS.set(0);
    Path spark = tmp.resolve("spark");
    CorpusStats bySpark = spark(settings(pipeline), spark);
    assertEquals(1, OPENS.get(), "one engine for every task and partition of the executor");
    assertEquals(0, ExecutorPipelines.open(), "the run released its engines");

    assertSameCorpus(local, spark);
    int inputs = POSTERS + 4;
    assertEquals(inputs, bySpark.total());
    assertEquals((inputs + SHARD_SIZE - 1) / SHARD_SIZE, bySpark.shards());
    assertEquals(byLocal.kept(), bySpark.kept());
    assertEquals(byLocal.rejects(), bySpark.rejects());
    for (String reason : List.of("empty-file", "not-an-image", "too-small", "missing-caption")) {
      assertEquals(1L, bySpark.rejects().get(reason), reason + " in " + bySpark.rejects());
    }
    assertTrue(bySpark.kept() >= POSTERS / 2, "PP-OCR reads most posters: " + bySpark);
    assertEquals(bySpark.shards(), bySpark.shardsWritten());

    // A rerun skips every finished shard and reads no input.
    CorpusStats again = spark(settings(pipeline), spark);
    assertEquals(0, again.shardsWritten());
    assertEquals(bySpark.shards(), again.shardsSkipped());
    assertEquals(0, again.inputsProcessed());
    assertSameCorpus(local, spark);

    // A killed run (a shard missing, a temporary file left) finishes on Spark ...
    deleteShard(spark, 1);
    Files.writeString(spark.resolve(".gw-shard-000001.tar.7.partial"), "cut short");
    CorpusStats resumed = spark(settings(pipeline), spark);
    assertEquals(1, resumed.shardsWritten());
    assertEquals(SHARD_SIZE, resumed.inputsProcessed());
    assertSameCorpus(local, spark);
    assertFalse(Files.exists(spark.resolve(".gw-shard-000001.tar.7.partial")));

    // ... and a Spark corpus finishes on the local runner, and the other way round.
    deleteShard(spark, 2);
    assertEquals(1, LocalRunner.run(settings(pipeline), spark, Progress::silent).shardsWritten());
    assertSameCorpus(local, spark);
    deleteShard(local, 0);
    assertEquals(1, spark(settings(pipeline), local).shardsWritten());
    assertSameCorpus(spark, local);
  }

  @Test
  void missingModelsFailBeforeTheOutputFolderIsMade() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("no-models"));
    PipelineSettings pipeline =
        PipelineSettings.defaults("ppocr").withPpocrModels(empty.toString());
    Path out = tmp.resolve("never");
    assertThrows(OcrException.class, () -> spark(settings(pipeline), out));
    assertFalse(Files.exists(out));
    assertEquals(0, ExecutorPipelines.open());
  }

  @Test
  void jobOptionsAreTheCommandsOptions() {
    JobOptions o =
        JobOptions.parse(
            "--input",
            "a",
            "b.tar",
            "--out",
            "corpus",
            "--engine",
            "tesseract",
            "--shard-size",
            "50",
            "--resize",
            "fit:640",
            "--format",
            "png",
            "--caption-match",
            "0.5",
            "--max-file-mb",
            "4",
            "--tessdata",
            "/opt/tessdata");
    assertEquals(List.of(Path.of("a"), Path.of("b.tar")), o.settings().inputs());
    assertEquals(Path.of("corpus"), o.out());
    assertEquals(50, o.settings().shardSize());
    PipelineSettings p = o.settings().pipeline();
    assertEquals("tesseract", p.engine());
    assertEquals("fit:640", p.resize().toString());
    assertEquals("png", p.imageFormat());
    assertEquals(0.5, p.filters().captionMatch());
    assertEquals(4L << 20, p.maxFileBytes());
    assertEquals("/opt/tessdata", p.tessdata());
    Map<String, Object> defaults =
        JobOptions.parse("--input", "a", "--out", "c").settings().pipeline().manifestEntries();
    assertEquals(PipelineSettings.defaults("ppocr").manifestEntries(), defaults);
    assertThrows(
        IllegalArgumentException.class, () -> JobOptions.parse("--input", "a", "--workers", "2"));
    assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--out", "c"));
    assertTrue(JobOptions.parse("--help").help());
    assertTrue(
        new String(JobOptions.USAGE.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
            .contains("spark-submit"));
  }
}
