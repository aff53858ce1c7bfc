package io.glyphwright.web.jobs;

import java.io.IOException;
import java.nio.file.Path;

/** What a job's work can do while it runs: report, save images, see cancellation. */
public interface JobContext {
  String jobId();

  /** The job's folder on disk (inputs the submission saved, outputs the work writes). */
  Path folder();

  /** Reports progress (0..1) and what is being done; sent as a {@code progress} event. */
  void progress(double fraction, String stage);

  /**
   * Saves a PNG as the job's next image and sends a {@code preview} event with its URL.
   *
   * @return the image's index
   */
  int saveImage(byte[] png, String label) throws IOException;

  /**
   * Sends a low-cost look at work in progress as a {@code preview} event with {@code frame: true}:
   * the PNG travels inline as a {@code data:} URL and is not one of the job's images.
   *
   * @param index the image the frame belongs to
   */
  void frame(byte[] png, int index, String label);

  /** Throws {@link JobCancelledException} once the job has been cancelled. */
  void checkCancelled();
}
