package io.glyphwright.cli;

import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.layout.lm.LayoutLmTrainer;
import io.glyphwright.layout.lm.TrainingExample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./glyphwright train}: trains the models Glyphwright runs. Each model is a subcommand
 * ({@code layout}, {@code unet}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.Layout.class, TrainUnetCommand.class},
    description = "Train a model on a corpus and write its model package (model.json + weights).")
final class TrainCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code train layout}: the layout language model. */
  @Command(
      name = "layout",
      mixinStandardHelpOptions = true,
      description = {
        "Train the layout language model on a corpus's (caption -> TD2 layout) pairs (DJL,"
            + " PyTorch CPU, one thread unless -Dai.djl.pytorch.num_threads says otherwise).",
        "Checkpoints go to --out every 250 steps; --resume continues from the last one, ending"
            + " with the same weights as an uninterrupted run. At the end --out holds the model"
            + " package (model.json, weights.bin, training-log.jsonl)."
      })
  static final class Layout implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        paramLabel = "DIR",
        description = "corpus folder (shard-NNNNNN.tar files) or one shard .tar")
    Path data;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "model package folder (e.g. models/layout-lm-s)")
    Path out;

    @Option(
        names = "--steps",
        paramLabel = "N",
        description = "optimiser steps in all (default: 6000, the layout-lm-s recipe)")
    Integer steps;

    @Option(names = "--resume", description = "continue from the checkpoint in --out")
    boolean resume;

    @Option(
        names = "--validation",
        defaultValue = "500",
        paramLabel = "N",
        description =
            "samples held out of training for the validation loss, taken from the corpus's end"
                + " (default ${DEFAULT-VALUE})")
    int validation;

    @Override
    public Integer call() throws IOException {
      if (validation < 0) {
        throw new IllegalArgumentException("--validation must not be negative");
      }
      if (steps != null && steps < 1) {
        throw new IllegalArgumentException("--steps must be at least 1");
      }
      PrintWriter err = spec.commandLine().getErr();
      List<TrainingExample> all = readPairs(data);
      if (all.size() <= validation) {
        throw new IllegalArgumentException(
            data
                + " holds "
                + all.size()
                + " samples, not more than the "
                + validation
                + " held out for validation: make a larger corpus or lower --validation");
      }
      List<TrainingExample> train = all.subList(0, all.size() - validation);
      List<TrainingExample> val = all.subList(all.size() - validation, all.size());
      LayoutLmTrainer.Settings settings = LayoutLmTrainer.Settings.small();
      if (steps != null) {
        settings = settings.withSteps(steps);
      }
      settings =
          settings.withCommand(
              "./glyphwright train layout --data "
                  + data
                  + " --out "
                  + out
                  + " --steps "
                  + settings.steps()
                  + " --validation "
                  + validation);
      err.printf(
          "read %d (caption, layout) pairs from %s: %d for training, %d for validation%n",
          all.size(), data, train.size(), val.size());
      err.flush();
      LayoutLmTrainer.Result result =
          new LayoutLmTrainer(
                  settings,
                  out,
                  line -> {
                    err.println(line);
                    err.flush();
                  })
              .train(train, val, resume);
      spec.commandLine()
          .getOut()
          .printf(
              "trained %d steps (%d in this run, %.0f s): train loss %.4f, validation loss %.4f"
                  + " -> %s%n",
              result.steps(),
              result.stepsThisRun(),
              result.seconds(),
              result.trainLoss(),
              result.validationLoss(),
              result.packageDir());
      return 0;
    }

    /** Every sample's caption and layout, shard by shard, without reading images. */
    static List<TrainingExample> readPairs(Path data) throws IOException {
      List<Path> tars;
      if (Files.isDirectory(data)) {
        tars = CorpusReader.shards(data);
      } else if (Files.isRegularFile(data)) {
        tars = List.of(data);
      } else {
        throw new IllegalArgumentException(
            data + " does not exist: give a corpus folder or a shard .tar");
      }
      if (tars.isEmpty()) {
        throw new IllegalArgumentException(
            data + " holds no shard-NNNNNN.tar files: make a corpus with ./glyphwright dataset");
      }
      List<TrainingExample> pairs = new ArrayList<>();
      for (Path tar : tars) {
        for (CorpusSample s : CorpusReader.readSamples(tar)) {
          if (s.layout() != null && !s.layout().isBlank()) {
            pairs.add(new TrainingExample(s.caption(), s.layout()));
          }
        }
      }
      return pairs;
    }
  }
}
