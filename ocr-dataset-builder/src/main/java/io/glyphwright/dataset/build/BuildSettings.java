package io.glyphwright.dataset.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code dataset build} does with its local runner.
 *
 * @param inputs folders and tars, in the order their samples are numbered
 * @param pipeline what is done to each sample
 * @param shardSize inputs per shard (kept and rejected alike: shard {@code n} covers inputs {@code
 *     n*shardSize ..}); part of the corpus's identity
 * @param workers threads processing samples; does not change the output
 * @param handles how the workers get OCR engines; does not change the output
 */
public record BuildSettings(
    List<Path> inputs,
    PipelineSettings pipeline,
    int shardSize,
    int workers,
    EngineHandles.Mode handles) {

  public BuildSettings {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(handles, "handles");
    if (shardSize < 1) {
      throw new IllegalArgumentException("--shard-size must be at least 1, got " + shardSize);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
  }

  /** 1000 inputs per shard, one worker per core, one shared engine. */
  public static BuildSettings defaults(List<Path> inputs, PipelineSettings pipeline) {
    return new BuildSettings(
        inputs,
        pipeline,
        1000,
        Runtime.getRuntime().availableProcessors(),
        EngineHandles.Mode.SHARED);
  }

  public BuildSettings withShardSize(int n) {
    return new BuildSettings(inputs, pipeline, n, workers, handles);
  }

  public BuildSettings withWorkers(int n) {
    return new BuildSettings(inputs, pipeline, shardSize, n, handles);
  }

  public BuildSettings withHandles(EngineHandles.Mode mode) {
    return new BuildSettings(inputs, pipeline, shardSize, workers, mode);
  }
}
