package io.glyphwright.web.jobs;

import io.glyphwright.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs on disk, one folder each under {@code <data>/jobs/<id>/}: {@code job.json} (the {@link
 * JobView}, replaced atomically), {@code events.jsonl} (every event, one JSON object a line),
 * {@code images/<k>.png}, and whatever inputs and outputs the job's kind keeps. Ids are random
 * UUIDs and are checked before any path is built from them.
 */
public final class JobStore {
  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  static final String VIEW = "job.json";
  static final String EVENTS = "events.jsonl";
  static final String IMAGES = "images";

  private final Path root;
  private final JsonMapper mapper;

  public JobStore(Path dataDir, JsonMapper mapper) {
    this.root = dataDir.resolve("jobs");
    this.mapper = mapper;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the jobs folder "
              + root
              + ": set glyphwright.data-dir to a writable folder",
          e);
    }
  }

  public Path root() {
    return root;
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** True when {@code id} has the form of a job id (so that it may name a folder). */
  public static boolean wellFormed(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The folder of a job; {@code id} must be well formed. */
  public Path folder(String id) {
    if (!wellFormed(id)) {
      throw new IllegalArgumentException("not a job id: " + id);
    }
    return root.resolve(id);
  }

  Path create(String id) throws IOException {
    Path dir = folder(id);
    Files.createDirectories(dir.resolve(IMAGES));
    return dir;
  }

  public Path image(String id, int index) {
    return folder(id).resolve(IMAGES).resolve(index + ".png");
  }

  void writeView(JobView view) throws IOException {
    Path dir = folder(view.id());
    AtomicFiles.write(dir.resolve(VIEW), mapper.writeValueAsBytes(view));
  }

  void appendEvent(String id, JobEvent event) throws IOException {
    byte[] line = (mapper.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.write(
        folder(id).resolve(EVENTS), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The stored view of a job, if the job exists on disk. */
  public Optional<JobView> readView(String id) {
    if (!wellFormed(id)) {
      return Optional.empty();
    }
    Path file = folder(id).resolve(VIEW);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readValue(Files.readAllBytes(file), JobView.class));
    } catch (IOException | JacksonException e) {
      LOG.warn("cannot read {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** The stored events of a job, in order. */
  public List<JobEvent> readEvents(String id) {
    Path file = folder(id).resolve(EVENTS);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<JobEvent> events = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          events.add(mapper.readValue(line, JobEvent.class));
        }
      }
    } catch (IOException | JacksonException e) {
      LOG.warn("cannot read {}: {}", file, e.toString());
    }
    return events;
  }

  /** The stored views of every job, in no particular order. */
  List<JobView> all() {
    List<JobView> views = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (wellFormed(id)) {
          readView(id).ifPresent(views::add);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", root, e.toString());
    }
    return views;
  }

  /**
   * Deletes finished jobs beyond the retention limits: any finished longer ago than {@code
   * retainFor}, then the oldest while more than {@code retainJobs} finished jobs remain.
   *
   * @return how many jobs were deleted
   */
  int sweep(int retainJobs, Duration retainFor, Instant now) {
    List<JobView> finished =
        new ArrayList<>(
            all().stream()
                .filter(v -> v.status().finished() && v.finishedAt() != null)
                .sorted(Comparator.comparing(JobView::finishedAt).reversed())
                .toList());
    int deleted = 0;
    Instant cutoff = now.minus(retainFor);
    for (int i = 0; i < finished.size(); i++) {
      JobView v = finished.get(i);
      if (i >= retainJobs || v.finishedAt().isBefore(cutoff)) {
        if (delete(v.id())) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Deletes a job's folder. It is first renamed out of the way (atomically), so that a reader sees
   * the whole job or none of it, never a half-deleted one.
   */
  boolean delete(String id) {
    Path dir = folder(id);
    Path trash = root.resolve(".deleting-" + id);
    try {
      Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      trash = dir;
    }
    try (Stream<Path> walk = Files.walk(trash)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", trash, e.toString());
      return false;
    }
  }
}
