package io.glyphwright.diffusion.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training checkpoints: {@code checkpoints/step-NNNNNNNN/} holds {@code model.ndlist} (the
 * parameters), {@code ema.ndlist}, {@code optimizer.ndlist} (both Adam moments of every parameter)
 * and {@code state.json} (step, optimizer updates, the recipe). A checkpoint is written into a
 * temporary folder and renamed, so one that exists is complete. All randomness of a run is a
 * function of its seed and the step, so no generator state needs saving.
 */
final class Checkpoints {
  static final String MODEL = "model.ndlist";
  static final String EMA = "ema.ndlist";
  static final String OPTIMIZER = "optimizer.ndlist";
  static final String STATE = "state.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;
  private final int keep;

  Checkpoints(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
  }

  /** What a checkpoint holds besides the arrays. */
  record State(long step, long optimizerSteps, Map<String, Object> recipe) {}

  /** A loaded checkpoint. */
  record Loaded(State state, NDList model, NDList ema, NDList optimizer) {}

  void save(State state, NDList model, NDList ema, NDList optimizer) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, ".step-");
    try {
      write(tmp.resolve(MODEL), model);
      write(tmp.resolve(EMA), ema);
      write(tmp.resolve(OPTIMIZER), optimizer);
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(
              tmp.resolve(STATE).toFile(),
              Map.of(
                  "step", state.step(),
                  "optimizerSteps", state.optimizerSteps(),
                  "recipe", state.recipe()));
      Path target = dir.resolve(String.format("step-%08d", state.step()));
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  /** The latest complete checkpoint, if any. */
  Optional<Path> latest() throws IOException {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  Loaded load(Path checkpoint, NDManager manager) throws IOException {
    return new Loaded(
        state(checkpoint),
        read(checkpoint.resolve(MODEL), manager),
        read(checkpoint.resolve(EMA), manager),
        read(checkpoint.resolve(OPTIMIZER), manager));
  }

  /** A checkpoint's step, optimiser updates and recipe, without its arrays. */
  static State state(Path checkpoint) throws IOException {
    Map<?, ?> s = JSON.readValue(checkpoint.resolve(STATE).toFile(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> recipe = (Map<String, Object>) s.get("recipe");
    return new State(
        ((Number) s.get("step")).longValue(),
        ((Number) s.get("optimizerSteps")).longValue(),
        recipe);
  }

  /** The weights and EMA weights of a checkpoint, without its optimiser state. */
  NDList[] loadWeights(Path checkpoint, NDManager manager) throws IOException {
    return new NDList[] {
      read(checkpoint.resolve(MODEL), manager), read(checkpoint.resolve(EMA), manager)
    };
  }

  private List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}"))
          .filter(p -> Files.isRegularFile(p.resolve(STATE)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  private static void write(Path file, NDList list) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out);
    }
  }

  private static NDList read(Path file, NDManager manager) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return NDList.decode(manager, in);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
