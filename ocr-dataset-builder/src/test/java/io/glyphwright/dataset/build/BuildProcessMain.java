package io.glyphwright.dataset.build;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The local runner as a process of its own, for {@link KillAndRerunTest}: {@code OUT ENGINE WORKERS
 * SHARD_SIZE RESIZE INPUT...}. Uses the real OCR engine; prints progress lines on stderr.
 */
public final class BuildProcessMain {
  private BuildProcessMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    PipelineSettings pipeline =
        PipelineSettings.defaults(args[1]).withResize(ResizePolicy.parse(args[4]));
    List<Path> inputs = Arrays.stream(args, 5, args.length).map(Path::of).toList();
    BuildSettings settings =
        new BuildSettings(
            inputs,
            pipeline,
            Integer.parseInt(args[3]),
            Integer.parseInt(args[2]),
            EngineHandles.Mode.SHARED);
    CorpusStats stats =
        LocalRunner.run(
            settings,
            out,
            total ->
                new Progress(System.err, "build", total, false, Long.MAX_VALUE, System::nanoTime));
    System.out.println("kept " + stats.kept() + " of " + stats.total());
  }
}
