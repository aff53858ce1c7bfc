package io.glyphwright.diffusion.training;

import java.nio.file.Path;

/**
 * What a training run did.
 *
 * @param firstStep the first step this run trained (1, or one past the resumed checkpoint)
 * @param lastStep the last step trained
 * @param parameters trainable values of the UNet
 * @param firstLoss mean loss of this run's first {@code k = max(1, min(50, steps/4))} steps
 * @param lastLoss mean loss of its last {@code k} steps
 * @param secondsPerStep mean wall time of a training step (batch, forward, backward, update),
 *     excluding checkpoints and sample grids
 * @param onnx the exported EMA model, or null when export was switched off
 */
public record TrainingResult(
    long firstStep,
    long lastStep,
    long parameters,
    double firstLoss,
    double lastLoss,
    double secondsPerStep,
    Path onnx) {}
